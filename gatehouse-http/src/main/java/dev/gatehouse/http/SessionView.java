package dev.gatehouse.http;

import dev.gatehouse.core.session.Session;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A session as its owner sees it: never the token or its hash. */
record SessionView(UUID id, Instant createdAt, Instant lastSeenAt, Optional<Instant> expiresAt,
                   Optional<String> userAgent, Optional<String> remoteAddress, boolean current) {
    static SessionView of(Session session, Optional<UUID> currentId) {
        return new SessionView(session.id(), session.createdAt(), session.lastSeenAt(), session.expiresAt(),
                session.userAgent(), session.remoteAddress(), currentId.filter(session.id()::equals).isPresent());
    }
}
