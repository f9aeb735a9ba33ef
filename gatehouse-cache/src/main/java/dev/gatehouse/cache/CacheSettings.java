package dev.gatehouse.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * @param maxStale   the longest a copy is kept, even if an event about it was missed; also how
 *                   long a change made outside Gatehouse (by hand in the database) may go unseen
 * @param maxEntries how many copies each cache holds at most
 */
public record CacheSettings(Duration maxStale, long maxEntries) {
    public static final CacheSettings DEFAULT = new CacheSettings(Duration.ofSeconds(10), 1_000_000);

    public CacheSettings {
        Objects.requireNonNull(maxStale, "maxStale");
        if (maxStale.isNegative() || maxEntries < 1) {
            throw new IllegalArgumentException("the staleness bound must not be negative and the size at least 1");
        }
    }
}
