package dev.gatehouse.core.memory;

import dev.gatehouse.core.spi.StoredKeyRing;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryKeyStoreTest {
    @Test
    void savesOnlyTheNextGeneration() {
        InMemoryKeyStore store = new InMemoryKeyStore();

        assertThat(store.load()).isEmpty();
        assertThat(store.save(new StoredKeyRing(2, List.of()))).isFalse();
        assertThat(store.save(new StoredKeyRing(1, List.of()))).isTrue();
        assertThat(store.save(new StoredKeyRing(1, List.of()))).as("a second writer of generation 1 loses").isFalse();
        assertThat(store.save(new StoredKeyRing(2, List.of()))).isTrue();
        assertThat(store.load().orElseThrow().generation()).isEqualTo(2);
    }
}
