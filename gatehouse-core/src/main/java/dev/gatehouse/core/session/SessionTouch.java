package dev.gatehouse.core.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A session's use: its new last-seen time and idle expiry, as {@link SessionStore#touch} writes them. */
public record SessionTouch(UUID id, Instant lastSeenAt, Optional<Instant> idleExpiry) {
    public SessionTouch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(idleExpiry, "idleExpiry");
    }

    /** Of two touches of one session, the later use wins, whatever order they arrive in. */
    public static SessionTouch later(SessionTouch a, SessionTouch b) {
        return b.lastSeenAt.isAfter(a.lastSeenAt) ? b : a;
    }

    /** The session as this touch leaves it; unchanged when the session was already seen later. */
    public Session appliedTo(Session session) {
        return lastSeenAt.isAfter(session.lastSeenAt()) ? session.seenAt(lastSeenAt, idleExpiry) : session;
    }
}
