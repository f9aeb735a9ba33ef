package dev.gatehouse.core.ratelimit;

import java.time.Instant;

/**
 * Counters of attempts in fixed time windows, shared by every instance that uses the same store
 * (SPI). Thread-safe; each call is one atomic step. A store that cannot answer throws
 * {@link dev.gatehouse.core.support.StoreUnavailableException}: callers refuse the attempt then
 * (fail closed), they never let it through uncounted.
 */
public interface RateLimitStore {
    /**
     * Counts one attempt under {@code key} in the window that ends at {@code windowEnd}, and
     * returns how many the window holds now, this one included. Windows of one key are told apart
     * by their end: a new end starts again from 1. The count is kept at least until
     * {@code windowEnd}; after it, it may be dropped at any time.
     */
    long increment(String key, Instant windowEnd);

    /** How many attempts the window ending at {@code windowEnd} holds; 0 for none. */
    long count(String key, Instant windowEnd);

    /** Forgets the key's count in the window ending at {@code windowEnd} (after a successful sign-in, say). */
    void reset(String key, Instant windowEnd);

    /** Drops counts of windows that ended at or before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
