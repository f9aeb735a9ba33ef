package dev.gatehouse.core.memory;

import dev.gatehouse.core.ratelimit.RateLimitStore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Rate-limit counters in process memory: each instance counts alone, and a restart forgets. */
public final class InMemoryRateLimitStore implements RateLimitStore {
    private record Window(String key, Instant end) {
    }

    private final Map<Window, Long> counts = new ConcurrentHashMap<>();

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
    public int deleteExpired(Instant now) {
        int deleted = 0;
        for (Window window : List.copyOf(counts.keySet())) {
            if (!now.isBefore(window.end()) && counts.remove(window) != null) {
                deleted++;
            }
        }
        return deleted;
    }
}
