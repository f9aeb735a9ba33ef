package dev.gatehouse.tck;

import dev.gatehouse.core.secrets.ServerSecrets;
import dev.gatehouse.core.spi.ServerSecretStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ServerSecretStore} must do: keep a secret byte for byte, never overwrite it,
 * and let exactly one of many racing instances decide it.
 */
public abstract class ServerSecretStoreContract {
    private static final int RACERS = 16;

    /** The store under test, fresh for each test. */
    protected ServerSecretStore store;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public ServerSecretStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return a server secret store holding nothing, not shared with any other test
     */
    protected abstract ServerSecretStore newStore();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @Test
    void anUnknownNameHasNoSecret() {
        assertThat(store.find("token_service_secret")).isEmpty();
    }

    @Test
    void aStoredSecretIsFoundByteForByte() {
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }

        assertThat(store.insertIfAbsent("token_service_secret", value)).isTrue();

        assertThat(store.find("token_service_secret")).hasValueSatisfying(found -> assertThat(found).isEqualTo(value));
    }

    @Test
    void aSecondInsertIsRefusedAndTheFirstSecretKept() {
        assertThat(store.insertIfAbsent("a", new byte[]{1, 2, 3})).isTrue();

        assertThat(store.insertIfAbsent("a", new byte[]{9, 9, 9})).isFalse();

        assertThat(store.find("a")).hasValueSatisfying(found -> assertThat(found).containsExactly(1, 2, 3));
    }

    @Test
    void namesAreIndependent() {
        store.insertIfAbsent("a", new byte[]{1});
        store.insertIfAbsent("b", new byte[]{2});

        assertThat(store.find("a")).hasValueSatisfying(found -> assertThat(found).containsExactly(1));
        assertThat(store.find("b")).hasValueSatisfying(found -> assertThat(found).containsExactly(2));
    }

    @Test
    void changingAnArrayAfterwardsChangesNothingStored() {
        byte[] value = {1, 2, 3};
        store.insertIfAbsent("a", value);
        value[0] = 7;
        store.find("a").orElseThrow()[1] = 7;

        assertThat(store.find("a")).hasValueSatisfying(found -> assertThat(found).containsExactly(1, 2, 3));
    }

    @Test
    void getOrCreateMakesARandomSecretOnceAndThenReturnsIt() {
        ServerSecrets secrets = new ServerSecrets(store);

        byte[] first = secrets.getOrCreate("token_service_secret", 64);
        byte[] again = secrets.getOrCreate("token_service_secret", 64);

        assertThat(first).hasSize(64).isEqualTo(again);
        assertThat(first).isNotEqualTo(new byte[64]);
        assertThat(secrets.getOrCreate("other", 64)).isNotEqualTo(first);
    }

    @Test
    void getOrCreateRefusesAStoredSecretShorterThanNeeded() {
        store.insertIfAbsent("short", new byte[8]);

        assertThatThrownBy(() -> new ServerSecrets(store).getOrCreate("short", 64))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("8 bytes");
    }

    @Test
    void badNamesAreRefused() {
        assertThatThrownBy(() -> new ServerSecrets(store).getOrCreate("", 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerSecrets(store).getOrCreate("Has Space", 64)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void instancesStartingAtOnceAgreeOnOneSecret() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<byte[]>> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            racers.add(() -> {
                start.await();
                return new ServerSecrets(store).getOrCreate("token_service_secret", 64);
            });
        }
        Set<String> seen = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(RACERS)) {
            List<Future<byte[]>> results = new ArrayList<>();
            for (Callable<byte[]> racer : racers) {
                results.add(pool.submit(racer));
            }
            start.countDown();
            for (Future<byte[]> result : results) {
                seen.add(java.util.HexFormat.of().formatHex(result.get(30, TimeUnit.SECONDS)));
            }
        }

        assertThat(seen).hasSize(1);
        assertThat(store.find("token_service_secret")).hasValueSatisfying(
                found -> assertThat(java.util.HexFormat.of().formatHex(found)).isEqualTo(seen.iterator().next()));
    }
}
