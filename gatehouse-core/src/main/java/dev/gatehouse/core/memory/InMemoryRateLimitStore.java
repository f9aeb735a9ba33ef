package dev.gatehouse.core.memory;

import dev.gatehouse.core.spi.RateLimitStore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Rate-limit counters in process memory: each instance counts alone, and a restart forgets. */
public final class InMemoryRateLimitStore implements RateLimitStore {
    private record Window(String key, Instant end) {
    }

    private final Map<Window, Long> counts = new ConcurrentHashMap<>();
    private final Map<String, Instant> gates = new ConcurrentHashMap<>();

    /** An empty store: no counts, every gate open. */
    public InMemoryRateLimitStore() {
    }

    @Override
    public long increment(String key, Instant windowEnd) {
        return counts.merge(new Window(key, windowEnd), 1L, Long::sum);
    }

    @Override
    public long count(String key, Instant windowEnd) {
        return counts.getOrDefault(new Window(key, windowEnd), 0L);
    }

    @Override
    public void reset(String key, Instant windowEnd) {
        counts.remove(new Window(key, windowEnd));
    }

    @Override
    public Optional<Instant> pass(String key, Instant now, Instant closeUntil) {
        Instant[] closed = new Instant[1];
        // compute runs atomically for the key: of callers at once, one finds the gate open.
        gates.compute(key, (k, until) -> {
            if (until != null && until.isAfter(now)) {
                closed[0] = until;
                return until;
            }
            return closeUntil;
        });
        return Optional.ofNullable(closed[0]);
    }

    @Override
    public void open(String key) {
        gates.remove(key);
    }

    @Override
    public int deleteExpired(Instant now) {
        gates.values().removeIf(until -> !until.isAfter(now));
        int deleted = 0;
        for (Window window : List.copyOf(counts.keySet())) {
            if (!now.isBefore(window.end()) && counts.remove(window) != null) {
                deleted++;
            }
        }
        return deleted;
    }
}
