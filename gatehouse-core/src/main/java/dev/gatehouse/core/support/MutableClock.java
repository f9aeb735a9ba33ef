package dev.gatehouse.core.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when told. Expiry is tested by advancing it, never by
 * sleeping; applications embedding Gatehouse can use it in their own tests the same way.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /**
     * A clock in UTC standing at {@code start}.
     *
     * @param start the instant it reads until moved
     */
    public MutableClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * Starts at a fixed, millisecond-aligned instant so that tests are repeatable.
     *
     * @return a clock at 2026-01-01T00:00:00Z
     */
    public static MutableClock atFixedStart() {
        return new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * Moves the clock on, for this clock and every zoned view of it.
     *
     * @param duration how far; negative moves it back
     */
    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    /**
     * Sets the clock, for this clock and every zoned view of it.
     *
     * @param instant the instant it reads from now on
     */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        // Shares the same instant source: a zoned view must move with the original.
        return new MutableClock(now, newZone);
    }
}
