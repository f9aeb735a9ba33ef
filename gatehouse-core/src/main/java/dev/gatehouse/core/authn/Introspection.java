package dev.gatehouse.core.authn;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What RFC 7662 introspection says of a presented token. */
public sealed interface Introspection {
    /** Unknown, expired, revoked or forged: RFC 7662 tells a resource server no more than that. */
    record Inactive() implements Introspection {
    }

    /** @param tokenType {@code access_token} or {@code refresh_token} */
    record Active(String tokenType, UUID subject, Optional<String> username, Optional<String> role, Instant issuedAt,
                  Instant expiresAt, Optional<String> jti) implements Introspection {
    }
}
