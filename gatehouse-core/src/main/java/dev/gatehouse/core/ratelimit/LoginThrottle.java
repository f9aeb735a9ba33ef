package dev.gatehouse.core.ratelimit;

import dev.gatehouse.core.support.TokenHashes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Slows password guessing: failed sign-ins are counted in fixed windows, per login from one
 * address (an online guesser) and per address over all logins (password spraying), and once a
 * limit is reached the next attempts are refused before any password is hashed, until the
 * window ends.
 *
 * <p>Only failures count, and a success clears its login-and-address count, so busy users behind
 * one address are not locked out by their own sign-ins. A login is never locked for everyone: a
 * guesser at one address cannot lock its owner out from another. Counters live in a
 * {@link RateLimitStore}; with Redis every instance counts together. Concurrent attempts may pass
 * a limit by as many as run at once; the limit bounds guessing, it is not exact.
 *
 * <p>Logins are kept in counter keys only as SHA-256 digests, never in clear.
 */
public final class LoginThrottle {
    /**
     * @param perLoginAndAddress failures of one login from one address per window; 0 turns the throttle off
     * @param perAddress         failures from one address over all logins per window; 0 for no such limit
     */
    public record Limits(int perLoginAndAddress, int perAddress, Duration window) {
        public static final Limits DEFAULT = new Limits(10, 100, Duration.ofMinutes(15));
        public static final Limits OFF = new Limits(0, 0, Duration.ofMinutes(15));

        public Limits {
            Objects.requireNonNull(window, "window");
            if (perLoginAndAddress < 0 || perAddress < 0 || window.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("limits must not be negative and the window at least a second");
            }
        }

        boolean off() {
            return perLoginAndAddress == 0 && perAddress == 0;
        }
    }

    private final RateLimitStore store;
    private final Limits limits;
    private final Clock clock;

    public LoginThrottle(RateLimitStore store, Limits limits, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Limits limits() {
        return limits;
    }

    /** Before checking a password: may {@code login} be tried from {@code address} now? */
    public ThrottleVerdict check(String login, String address) {
        if (limits.off()) {
            return new ThrottleVerdict.Allowed();
        }
        Instant now = clock.instant();
        Instant end = windowEnd(now);
        boolean refused = over(limits.perLoginAndAddress(), store.count(pairKey(login, address), end))
                || over(limits.perAddress(), store.count(addressKey(address), end));
        return refused ? new ThrottleVerdict.Refused(Duration.between(now, end)) : new ThrottleVerdict.Allowed();
    }

    /** The password was wrong, or the login unknown: one more failure for both counters. */
    public void failed(String login, String address) {
        if (limits.off()) {
            return;
        }
        Instant end = windowEnd(clock.instant());
        if (limits.perLoginAndAddress() > 0) {
            store.increment(pairKey(login, address), end);
        }
        if (limits.perAddress() > 0) {
            store.increment(addressKey(address), end);
        }
    }

    /** The sign-in worked: the login's failures from this address are forgiven. */
    public void succeeded(String login, String address) {
        if (limits.perLoginAndAddress() > 0) {
            store.reset(pairKey(login, address), windowEnd(clock.instant()));
        }
    }

    private static boolean over(int limit, long failures) {
        return limit > 0 && failures >= limit;
    }

    /** Windows are aligned to the epoch, so every instance agrees on where one ends. */
    private Instant windowEnd(Instant now) {
        long windowMillis = limits.window().toMillis();
        long start = Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis;
        return Instant.ofEpochMilli(start + windowMillis);
    }

    private static String pairKey(String login, String address) {
        return "login:" + TokenHashes.sha256(login.trim().toLowerCase(Locale.ROOT) + "\n" + address);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
