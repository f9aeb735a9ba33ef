package dev.gatehouse.tck;

import dev.gatehouse.core.spi.KeyState;
import dev.gatehouse.core.spi.KeyStore;
import dev.gatehouse.core.spi.StoredKey;
import dev.gatehouse.core.spi.StoredKeyRing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link KeyStore} must do: keep a ring's keys field for field and in order, replace
 * the whole ring on save, and accept a save only when it names the generation after the stored
 * one, so that of many servers rotating at once exactly one wins.
 */
public abstract class KeyStoreContract {
    private static final int RACERS = 16;
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    /** The store under test, fresh for each test. */
    protected KeyStore store;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public KeyStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return a key store holding nothing, not shared with any other test
     */
    protected abstract KeyStore newStore();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    /**
     * A key whose fields all differ from {@code n}'s neighbours; instants at millisecond precision.
     *
     * @param n     picks the key: the same {@code n} gives the same kid, algorithm, times and material
     * @param state the key's state in its ring
     * @return the key; equal to any other made with the same arguments
     */
    protected static StoredKey key(int n, KeyState state) {
        return new StoredKey("kid-" + n, n % 2 == 0 ? "ES256" : "EdDSA", state, T0.plusMillis(1_001L * n),
                T0.plusMillis(2_003L * n + 7), "plain1:material-" + n);
    }

    @Test
    void anEmptyStoreHasNoRing() {
        assertThat(store.load()).isEmpty();
    }

    @Test
    void theFirstSaveIsGenerationOne() {
        StoredKeyRing ring = new StoredKeyRing(1, List.of(key(1, KeyState.ACTIVE), key(2, KeyState.NEXT)));

        assertThat(store.save(ring)).isTrue();

        assertThat(store.load()).contains(ring);
    }

    @Test
    void anEmptyStoreRefusesAnyGenerationButOne() {
        assertThat(store.save(new StoredKeyRing(2, List.of(key(1, KeyState.ACTIVE))))).isFalse();

        assertThat(store.load()).isEmpty();
    }

    @Test
    void aStaleGenerationIsRefusedAndChangesNothing() {
        StoredKeyRing first = new StoredKeyRing(1, List.of(key(1, KeyState.ACTIVE), key(2, KeyState.NEXT)));
        StoredKeyRing second = new StoredKeyRing(2, List.of(key(1, KeyState.RETIRED), key(2, KeyState.ACTIVE), key(3, KeyState.NEXT)));
        assertThat(store.save(first)).isTrue();
        assertThat(store.save(second)).isTrue();

        assertThat(store.save(new StoredKeyRing(1, List.of(key(9, KeyState.ACTIVE))))).as("generation 1 again").isFalse();
        assertThat(store.save(new StoredKeyRing(2, List.of(key(9, KeyState.ACTIVE))))).as("generation 2 again").isFalse();
        assertThat(store.save(new StoredKeyRing(4, List.of(key(9, KeyState.ACTIVE))))).as("skipping a generation").isFalse();

        assertThat(store.load()).contains(second);
    }

    @Test
    void everyFieldRoundTripsExactlyAndInOrder() {
        String longMaterial = "gcm1:" + "A1b2-_".repeat(3_000);
        List<StoredKey> keys = List.of(
                new StoredKey("z-last-by-name", "RS256", KeyState.RETIRED, Instant.ofEpochMilli(1), Instant.ofEpochMilli(2), longMaterial),
                new StoredKey("a-first-by-name", "EdDSA", KeyState.ACTIVE, T0, T0.plusMillis(1), "plain1:x"),
                new StoredKey("m-middle", "HS512", KeyState.NEXT, Instant.parse("2100-12-31T23:59:59.999Z"),
                        Instant.parse("2100-12-31T23:59:59.999Z"), "plain1:y"));

        assertThat(store.save(new StoredKeyRing(1, keys))).isTrue();

        StoredKeyRing loaded = store.load().orElseThrow();
        assertThat(loaded.generation()).isEqualTo(1);
        assertThat(loaded.keys()).containsExactlyElementsOf(keys);
        assertThat(loaded.keys().getFirst().material()).isEqualTo(longMaterial);
        assertThat(loaded.keys().get(2).createdAt()).isEqualTo(Instant.parse("2100-12-31T23:59:59.999Z"));
    }

    @Test
    void anEmptyRingIsKept() {
        assertThat(store.save(new StoredKeyRing(1, List.of()))).isTrue();

        assertThat(store.load()).contains(new StoredKeyRing(1, List.of()));
    }

    @Test
    void savingReplacesTheWholeRing() {
        assertThat(store.save(new StoredKeyRing(1, List.of(key(1, KeyState.ACTIVE), key(2, KeyState.NEXT))))).isTrue();
        StoredKeyRing second = new StoredKeyRing(2, List.of(key(2, KeyState.ACTIVE), key(3, KeyState.NEXT)));

        assertThat(store.save(second)).isTrue();

        StoredKeyRing loaded = store.load().orElseThrow();
        assertThat(loaded).isEqualTo(second);
        assertThat(loaded.keys()).extracting(StoredKey::kid).doesNotContain("kid-1");
    }

    @Test
    void aKeyMayChangeStateAndOrderBetweenSaves() {
        assertThat(store.save(new StoredKeyRing(1, List.of(key(1, KeyState.ACTIVE), key(2, KeyState.NEXT))))).isTrue();
        StoredKeyRing second = new StoredKeyRing(2, List.of(key(2, KeyState.ACTIVE), key(1, KeyState.RETIRED)));

        assertThat(store.save(second)).isTrue();

        assertThat(store.load()).contains(second);
    }

    @Test
    void ofManyWritersOfTheSameNextGenerationExactlyOneWins() throws Exception {
        assertThat(store.save(new StoredKeyRing(1, List.of(key(0, KeyState.ACTIVE))))).isTrue();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> racers = new ArrayList<>();
        for (int i = 1; i <= RACERS; i++) {
            StoredKeyRing mine = new StoredKeyRing(2, List.of(key(0, KeyState.RETIRED), key(i, KeyState.ACTIVE), key(100 + i, KeyState.NEXT)));
            racers.add(() -> {
                start.await();
                return store.save(mine);
            });
        }
        List<Boolean> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(RACERS)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> racer : racers) {
                results.add(pool.submit(racer));
            }
            start.countDown();
            for (Future<Boolean> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }
        }

        assertThat(outcomes).filteredOn(won -> won).hasSize(1);
        int winner = outcomes.indexOf(true) + 1;
        StoredKeyRing stored = store.load().orElseThrow();
        assertThat(stored.generation()).isEqualTo(2);
        assertThat(stored.keys()).as("the winner's keys, and nobody else's")
                .containsExactly(key(0, KeyState.RETIRED), key(winner, KeyState.ACTIVE), key(100 + winner, KeyState.NEXT));
    }
}
