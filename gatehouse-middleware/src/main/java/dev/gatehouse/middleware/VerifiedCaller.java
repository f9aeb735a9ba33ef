package dev.gatehouse.middleware;

import dev.gatehouse.core.token.AccessTokenClaims;
import dev.gatehouse.core.user.Role;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A caller the guard has verified, before the {@link Identifier} decides what identity they get:
 * from a locally verified access token, or from the server's introspection of a session.
 *
 * @param claims the token's claims, or the fields of the introspection answer
 */
public record VerifiedCaller(UUID subject, Optional<String> username, Optional<String> email, Role role,
                             Map<String, Object> claims, Source source) {
    /** Where the caller's credential was verified. */
    public enum Source {
        /** A JWT checked against the server's JWKS, without asking the server. */
        ACCESS_TOKEN,
        /** A session cookie the server's introspection said is live. */
        SESSION
    }

    public VerifiedCaller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(source, "source");
        // JSON may hold nulls, which Map.copyOf refuses.
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    static VerifiedCaller of(AccessTokenClaims claims) {
        Optional<String> email = Optional.ofNullable(claims.raw().get("email")).filter(String.class::isInstance).map(String.class::cast);
        return new VerifiedCaller(claims.subject(), claims.username(), email, claims.role(), claims.raw(), Source.ACCESS_TOKEN);
    }
}
