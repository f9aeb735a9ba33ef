package dev.gatehouse.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how many copies of store records the caches keep.
 *
 * @param maxStale   the longest a copy is kept, even if an event about it was missed; also how
 *                   long a change made outside Gatehouse (by hand in the database) may go unseen
 * @param maxEntries how many copies each cache holds at most
 */
public record CacheSettings(Duration maxStale, long maxEntries) {
    /**
     * 10 s, and 20,000 copies per cache. A copy of a session or a user is about 0.7 KB with its
     * key and Caffeine's node, so a full session or user cache is about 14 MB (token ids and
     * not-before times are far smaller): all five full at once still fit the launcher's small heap.
     * Copies live 10 s, so 20,000 covers 2,000 distinct credentials a second; past that the least
     * useful copies go and those requests read the store, as they would without a cache.
     */
    public static final CacheSettings DEFAULT = new CacheSettings(Duration.ofSeconds(10), 20_000);

    /**
     * Checks the bounds.
     *
     * @param maxStale   the longest a copy is kept; zero keeps nothing
     * @param maxEntries how many copies each cache holds at most
     * @throws IllegalArgumentException when {@code maxStale} is negative or {@code maxEntries} is less than 1
     */
    public CacheSettings {
        Objects.requireNonNull(maxStale, "maxStale");
        if (maxStale.isNegative() || maxEntries < 1) {
            throw new IllegalArgumentException("the staleness bound must not be negative and the size at least 1");
        }
    }
}
