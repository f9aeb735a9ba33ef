package dev.gatehouse.core.token;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The outcome of presenting a refresh token: expected outcomes are values, not exceptions. */
public sealed interface RefreshResult {
    /**
     * The token was spent and replaced. The caller must check that the user (and the session,
     * when bound) may still be served before issuing an access token.
     */
    record Rotated(IssuedRefreshToken next, UUID userId, Optional<UUID> sessionId) implements RefreshResult {
        public Rotated {
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /** Refused; nothing changed. */
    record Invalid(RefreshFailure reason) implements RefreshResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The token had already been presented: two parties hold it, and the server cannot tell the
     * thief from the client, so the whole family is now revoked (OAuth 2.0 Security BCP, RFC 9700
     * section 4.14.2). Refused, like {@link Invalid}; the user must sign in again.
     */
    record ReuseDetected(UUID familyId, UUID userId) implements RefreshResult {
        public ReuseDetected {
            Objects.requireNonNull(familyId, "familyId");
            Objects.requireNonNull(userId, "userId");
        }
    }
}
