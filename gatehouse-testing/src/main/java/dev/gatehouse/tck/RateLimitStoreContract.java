package dev.gatehouse.tck;

import dev.gatehouse.core.spi.RateLimitStore;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link RateLimitStore} must do. A store's test extends this class and says how to
 * make a fresh, empty store; a store that keeps counts with time-to-live must take its "now"
 * from {@link #clock}.
 */
public abstract class RateLimitStoreContract {
    /** The fake clock that times are taken from. */
    protected final MutableClock clock = MutableClock.atFixedStart();

    /** The store under test, fresh for each test. */
    protected RateLimitStore store;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public RateLimitStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return a rate-limit store holding nothing, not shared with any other test
     */
    protected abstract RateLimitStore newStore();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    private Instant end() {
        return clock.instant().plus(Duration.ofMinutes(15));
    }

    @Test
    void countsStartAtOneAndGrowByOne() {
        Instant end = end();
        assertThat(store.count("login:ada", end)).isZero();
        assertThat(store.increment("login:ada", end)).isEqualTo(1);
        assertThat(store.increment("login:ada", end)).isEqualTo(2);
        assertThat(store.increment("login:ada", end)).isEqualTo(3);
        assertThat(store.count("login:ada", end)).isEqualTo(3);
    }

    @Test
    void keysAndWindowsAreCountedApart() {
        Instant end = end();
        store.increment("login:ada", end);
        store.increment("login:ada", end);

        assertThat(store.increment("login:Ada", end)).as("keys compare exactly").isEqualTo(1);
        assertThat(store.increment("ip:127.0.0.1", end)).isEqualTo(1);
        assertThat(store.increment("login:ada", end.plus(Duration.ofMinutes(15)))).as("the next window").isEqualTo(1);
        assertThat(store.count("login:ada", end)).isEqualTo(2);
    }

    @Test
    void resetForgetsOneKeysWindow() {
        Instant end = end();
        store.increment("login:ada", end);
        store.increment("login:bob", end);

        store.reset("login:ada", end);
        store.reset("login:nobody", end);

        assertThat(store.count("login:ada", end)).isZero();
        assertThat(store.increment("login:ada", end)).isEqualTo(1);
        assertThat(store.count("login:bob", end)).isEqualTo(1);
    }

    @Test
    void deleteExpiredDropsEndedWindowsOnly() {
        Instant ended = clock.instant().plusSeconds(60);
        Instant running = clock.instant().plusSeconds(120);
        store.increment("a", ended);
        store.increment("b", running);
        store.increment("b", running);

        clock.advance(Duration.ofSeconds(60));
        store.deleteExpired(clock.instant());

        assertThat(store.count("a", ended)).isZero();
        assertThat(store.count("b", running)).isEqualTo(2);
    }

    @Test
    void concurrentIncrementsAreNeverLost() throws Exception {
        Instant end = end();
        int threads = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < each; i++) {
                        store.increment("busy", end);
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.count("busy", end)).isEqualTo((long) threads * each);
    }

    @Test
    void aGateLetsOneCallerThroughAndStaysClosedUntilItsTime() {
        Instant now = clock.instant();
        Instant opens = now.plusSeconds(4);

        assertThat(store.pass("gate:ada", now, opens)).as("an unknown gate is open").isEmpty();
        assertThat(store.pass("gate:ada", now, now.plusSeconds(60))).as("closed: when it opens, unchanged").contains(opens);
        assertThat(store.pass("gate:ada", now.plusMillis(3999), now.plusSeconds(60))).contains(opens);
        assertThat(store.pass("gate:bob", now, now.plusSeconds(1))).as("gates are apart").isEmpty();

        assertThat(store.pass("gate:ada", opens, opens.plusSeconds(8))).as("open again at its time, closed anew").isEmpty();
        assertThat(store.pass("gate:ada", opens, opens.plusSeconds(1))).contains(opens.plusSeconds(8));
    }

    @Test
    void anOpenedGateLetsTheNextCallerThrough() {
        Instant now = clock.instant();
        store.pass("gate:ada", now, now.plusSeconds(60));

        store.open("gate:ada");
        store.open("gate:nobody");

        assertThat(store.pass("gate:ada", now, now.plusSeconds(2))).isEmpty();
        assertThat(store.pass("gate:ada", now, now.plusSeconds(2))).contains(now.plusSeconds(2));
    }

    @Test
    void deleteExpiredKeepsClosedGatesClosed() {
        Instant now = clock.instant();
        store.pass("gate:short", now, now.plusSeconds(1));
        store.pass("gate:long", now, now.plusSeconds(120));

        clock.advance(Duration.ofSeconds(60));
        store.deleteExpired(clock.instant());

        assertThat(store.pass("gate:long", clock.instant(), clock.instant().plusSeconds(1))).contains(now.plusSeconds(120));
        assertThat(store.pass("gate:short", clock.instant(), clock.instant().plusSeconds(1))).isEmpty();
    }

    @Test
    void ofCallersAtOnceExactlyOnePassesAGate() throws Exception {
        Instant now = clock.instant();
        int threads = 8;
        AtomicInteger passed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Optional<Instant>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> store.pass("gate:busy", now, now.plusSeconds(30)));
            }
            for (Future<Optional<Instant>> done : pool.invokeAll(tasks)) {
                if (done.get().isEmpty()) {
                    passed.incrementAndGet();
                } else {
                    assertThat(done.get()).contains(now.plusSeconds(30));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(passed).hasValue(1);
    }
}
