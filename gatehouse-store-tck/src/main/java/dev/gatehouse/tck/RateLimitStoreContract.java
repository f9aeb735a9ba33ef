package dev.gatehouse.tck;

import dev.gatehouse.core.ratelimit.RateLimitStore;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /** A new, empty store; called once before each test. */
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
}
