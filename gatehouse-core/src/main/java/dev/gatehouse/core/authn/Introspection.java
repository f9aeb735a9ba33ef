package dev.gatehouse.core.authn;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** What RFC 7662 introspection says of a presented token. */
public sealed interface Introspection {
    /** Unknown, expired, revoked or forged: RFC 7662 tells a resource server no more than that. */
    record Inactive() implements Introspection {
    }

    /**
     * @param tokenType {@code access_token}, {@code refresh_token} or {@code session}
     * @param email     the user's email where the token's record leads to the user (not for access tokens,
     *                  which are judged from their claims alone)
     * @param expiresAt when it ends if unused; empty for a session configured never to end
     * @param sessionId the sign-in it belongs to, when it belongs to one
     */
    record Active(String tokenType, UUID subject, Optional<String> username, Optional<String> email, Optional<String> role,
                  Instant issuedAt, Optional<Instant> expiresAt, Optional<String> jti, Optional<UUID> sessionId) implements Introspection {
        public Active {
            Objects.requireNonNull(tokenType, "tokenType");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }
}
