package dev.gatehouse.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something another thread or process does, without sleeping: the condition is asked
 * again and again, giving the processor away between asks, until it holds or a generous bound
 * passes. The bound is not a timing under test; it only turns a hang into a failure that names
 * what never happened.
 */
public final class Eventually {
    /** Long enough for a loaded CI machine; only a broken test ever waits this long. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(20);

    private Eventually() {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @param what what is awaited, for the failure message
     * @param condition asked repeatedly on the calling thread
     * @throws AssertionError when it does not hold within {@link #DEFAULT_BOUND}
     */
    public static void await(String what, BooleanSupplier condition) {
        await(what, DEFAULT_BOUND, condition);
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @param what what is awaited, for the failure message
     * @param bound how long to ask before failing
     * @param condition asked repeatedly on the calling thread
     * @throws AssertionError when it does not hold within {@code bound}
     */
    public static void await(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not within " + bound);
            }
            // On a machine with few cores the awaited thread needs this one's turn.
            Thread.yield();
        }
    }
}
