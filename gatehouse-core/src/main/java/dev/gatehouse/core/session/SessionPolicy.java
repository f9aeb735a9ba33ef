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
    public SessionPolicy {
        Objects.requireNonNull(absoluteLifetime, "absoluteLifetime");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (absoluteLifetime.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("session lifetimes cannot be negative");
        }
    }

    public static SessionPolicy unlimited() {
        return new SessionPolicy(Duration.ZERO, Duration.ZERO);
    }

    public boolean hasAbsoluteLimit() {
        return !absoluteLifetime.isZero();
    }

    public boolean hasIdleLimit() {
        return !idleTimeout.isZero();
    }

    /**
     * How stale a session's last-seen time may get before a request writes it anew. Writing on
     * every request would make each check a durable write; a 1/20 slack of the idle timeout
     * (at most a minute) costs at most that much of the idle window.
     */
    public Duration touchInterval() {
        if (!hasIdleLimit()) {
            return Duration.ofMinutes(1);
        }
        Duration slack = idleTimeout.dividedBy(20);
        return slack.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : slack;
    }
}
