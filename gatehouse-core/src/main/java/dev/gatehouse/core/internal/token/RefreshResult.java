package dev.gatehouse.core.internal.token;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The outcome of presenting a refresh token: expected outcomes are values, not exceptions. */
public sealed interface RefreshResult {
    /**
     * The token was spent and replaced. The caller must check that the user (and the session,
     * when bound) may still be served before issuing an access token.
     *
     * @param next the successor, for the client
     * @param userId the user the family belongs to
     * @param sessionId the session the family is bound to, if any
     */
    record Rotated(IssuedRefreshToken next, UUID userId, Optional<UUID> sessionId) implements RefreshResult {
        /** Refuses a missing component. */
        public Rotated {
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * Refused; nothing changed.
     *
     * @param reason why, for logs; the client is told only {@code invalid_grant}
     */
    record Invalid(RefreshFailure reason) implements RefreshResult {
        /** Refuses a missing reason. */
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The token had already been presented: two parties hold it, and the server cannot tell the
     * thief from the client, so the whole family is now revoked (OAuth 2.0 Security BCP, RFC 9700
     * section 4.14.2). Refused, like {@link Invalid}; the user must sign in again.
     *
     * @param familyId the family now revoked
     * @param userId the user it belonged to, for the audit log
     */
    record ReuseDetected(UUID familyId, UUID userId) implements RefreshResult {
        /** Refuses a missing component. */
        public ReuseDetected {
            Objects.requireNonNull(familyId, "familyId");
            Objects.requireNonNull(userId, "userId");
        }
    }
}
