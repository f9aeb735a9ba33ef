package dev.gatehouse.core.spi;

import dev.gatehouse.core.session.Session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A session's use: its new last-seen time and idle expiry, as {@link SessionStore#touch} writes them.
 *
 * @param id the session's public id
 * @param lastSeenAt the time of use
 * @param idleExpiry the new idle expiry, or empty when there is no idle limit
 */
public record SessionTouch(UUID id, Instant lastSeenAt, Optional<Instant> idleExpiry) {
    /** Refuses a missing component. */
    public SessionTouch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(idleExpiry, "idleExpiry");
    }

    /**
     * Of two touches of one session, the later use wins, whatever order they arrive in.
     *
     * @param a a touch of the session
     * @param b another touch of the same session
     * @return the one with the later {@code lastSeenAt}; {@code a} when they are equal
     */
    public static SessionTouch later(SessionTouch a, SessionTouch b) {
        return b.lastSeenAt.isAfter(a.lastSeenAt) ? b : a;
    }

    /**
     * The session as this touch leaves it; unchanged when the session was already seen later.
     *
     * @param session the session this touch is of
     * @return the session as used, or {@code session} itself
     */
    public Session appliedTo(Session session) {
        return lastSeenAt.isAfter(session.lastSeenAt()) ? session.seenAt(lastSeenAt, idleExpiry) : session;
    }
}
