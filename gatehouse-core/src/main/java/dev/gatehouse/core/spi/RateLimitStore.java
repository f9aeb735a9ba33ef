package dev.gatehouse.core.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Counters of attempts in fixed time windows, and gates that space attempts out, shared by every instance that uses the same store
 * (SPI). Thread-safe; each call is one atomic step. A store that cannot answer throws
 * {@link dev.gatehouse.core.spi.StoreUnavailableException}: callers refuse the attempt then
 * (fail closed), they never let it through uncounted.
 */
public interface RateLimitStore {
    /**
     * Counts one attempt under {@code key} in the window that ends at {@code windowEnd}, and
     * returns how many the window holds now, this one included. Windows of one key are told apart
     * by their end: a new end starts again from 1. The count is kept at least until
     * {@code windowEnd}; after it, it may be dropped at any time.
     *
     * @param key what is counted; never a secret
     * @param windowEnd the end of the window, which tells it from the key's other windows
     * @return the count after this attempt, at least 1
     */
    long increment(String key, Instant windowEnd);

    /**
     * How many attempts the window ending at {@code windowEnd} holds; 0 for none.
     *
     * @param key what is counted
     * @param windowEnd the end of the window
     * @return the count, without adding to it
     */
    long count(String key, Instant windowEnd);

    /**
     * Forgets the key's count in the window ending at {@code windowEnd} (after a successful sign-in, say).
     *
     * @param key what is counted
     * @param windowEnd the end of the window to forget
     */
    void reset(String key, Instant windowEnd);

    /**
     * A gate that lets callers through one at a time, spaced out. If the gate {@code key} is
     * open at {@code now} (never closed, or closed until {@code now} or earlier), it is closed
     * until {@code closeUntil} and the answer is empty: this caller goes through. If it is closed,
     * the answer is when it opens, and nothing changes. One atomic step, so that of many callers
     * at once exactly one goes through, whichever instance they reach. The gate is kept at least
     * until it opens; after that it may be dropped at any time.
     *
     * @param key the gate
     * @param now the current time
     * @param closeUntil when the gate opens again if this caller goes through
     * @return empty when this caller goes through, else when the gate opens
     */
    Optional<Instant> pass(String key, Instant now, Instant closeUntil);

    /**
     * Opens the gate {@code key} at once (after a successful sign-in, say).
     *
     * @param key the gate
     */
    void open(String key);

    /**
     * Drops counts of windows that ended at or before {@code now}, and gates that opened by then;
     * returns how many counts it dropped (a store whose gates expire by themselves need not count those).
     *
     * @param now the current time
     * @return how many counts were dropped
     */
    int deleteExpired(Instant now);
}
