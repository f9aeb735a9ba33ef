package dev.gatehouse.core.internal.support;

import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedExpiringCacheTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final BoundedExpiringCache<String> cache = new BoundedExpiringCache<>(10, clock);

    @Test
    void anEntryIsServedUntilJustBeforeItsExpiry() {
        Instant expiry = clock.instant().plusSeconds(60);
        cache.put("k", "v", expiry);
        clock.set(expiry.minusNanos(1));
        assertThat(cache.get("k")).contains("v");
        clock.set(expiry);
        assertThat(cache.get("k")).isEmpty();
        assertThat(cache.size()).as("dropped when found expired").isZero();
    }

    @Test
    void anAlreadyExpiredValueIsNotKept() {
        cache.put("k", "v", clock.instant());
        assertThat(cache.size()).isZero();
    }

    @Test
    void expiredEntriesMakeRoomBeforeLiveOnes() {
        for (int i = 0; i < 10; i++) {
            cache.put("old" + i, "v", clock.instant().plusSeconds(i < 5 ? 1 : 100));
        }
        clock.advance(Duration.ofSeconds(2));
        cache.put("new", "v", clock.instant().plusSeconds(100));
        assertThat(cache.size()).isEqualTo(6);
        for (int i = 5; i < 10; i++) {
            assertThat(cache.get("old" + i)).isPresent();
        }
    }

    @Test
    void concurrentWritersNeverPassTheBound() throws Exception {
        BoundedExpiringCache<Integer> shared = new BoundedExpiringCache<>(100, clock);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        shared.put(thread + ":" + i, i, clock.instant().plusSeconds(60));
                        assertThat(shared.size()).isLessThanOrEqualTo(100);
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        }
        assertThat(shared.size()).isBetween(1, 100);
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> new BoundedExpiringCache<String>(0, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
