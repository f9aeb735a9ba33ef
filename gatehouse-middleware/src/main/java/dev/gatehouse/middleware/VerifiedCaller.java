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
 * @param subject  the user's id ({@code sub})
 * @param username the user's username, when the credential carries one
 * @param email    the user's email, when the credential carries it
 * @param role     the user's role
 * @param claims   the token's claims, or the fields of the introspection answer
 * @param source   whether a token or a session was verified
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

    /**
     * Checks the parts and copies the claims.
     *
     * @param subject  the user's id
     * @param username the user's username, or empty
     * @param email    the user's email, or empty
     * @param role     the user's role
     * @param claims   the token's claims or the answer's fields; {@code null} values are kept
     * @param source   whether a token or a session was verified
     * @throws NullPointerException when a part is null
     */
    public VerifiedCaller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(source, "source");
        // JSON may hold nulls, which Map.copyOf refuses.
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /**
     * The user a token speaks for. A client's own token ({@code client_credentials}) speaks for no
     * user: the guard judges users, so it is no caller here.
     */
    static Optional<VerifiedCaller> of(AccessTokenClaims claims) {
        Optional<String> email = Optional.ofNullable(claims.raw().get("email")).filter(String.class::isInstance).map(String.class::cast);
        return claims.user().map(user -> new VerifiedCaller(user.id(), user.username(), email, user.role(), claims.raw(), Source.ACCESS_TOKEN));
    }
}
