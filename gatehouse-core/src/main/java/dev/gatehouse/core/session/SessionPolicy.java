package dev.gatehouse.core.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How long sessions live.
 *
 * @param absoluteLifetime {@link Duration#ZERO} for no absolute limit
 * @param idleTimeout {@link Duration#ZERO} for no idle limit
 */
public record SessionPolicy(Duration absoluteLifetime, Duration idleTimeout) {
    /**
     * Refuses a missing or negative lifetime.
     *
     * @throws IllegalArgumentException when a lifetime is negative
     */
    public SessionPolicy {
        Objects.requireNonNull(absoluteLifetime, "absoluteLifetime");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (absoluteLifetime.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("session lifetimes cannot be negative");
        }
    }

    /**
     * Sessions that end only on logout. For tests and trusted set-ups: a stolen session then stays usable.
     *
     * @return a policy with neither limit
     */
    public static SessionPolicy unlimited() {
        return new SessionPolicy(Duration.ZERO, Duration.ZERO);
    }

    /**
     * Whether sessions end after {@link #absoluteLifetime()} however they are used.
     *
     * @return true when the lifetime is not zero
     */
    public boolean hasAbsoluteLimit() {
        return !absoluteLifetime.isZero();
    }

    /**
     * Whether sessions end after {@link #idleTimeout()} unused.
     *
     * @return true when the timeout is not zero
     */
    public boolean hasIdleLimit() {
        return !idleTimeout.isZero();
    }

    /**
     * How stale a session's last-seen time may get before a request writes it anew. Writing on
     * every request would make each check a durable write; a 1/20 slack of the idle timeout
     * (at most a minute) costs at most that much of the idle window.
     *
     * @return the interval, at most one minute
     */
    public Duration touchInterval() {
        if (!hasIdleLimit()) {
            return Duration.ofMinutes(1);
        }
        Duration slack = idleTimeout.dividedBy(20);
        return slack.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : slack;
    }
}
