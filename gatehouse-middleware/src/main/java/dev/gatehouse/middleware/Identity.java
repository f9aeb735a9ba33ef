package dev.gatehouse.middleware;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who made the request, as a verified access token (or, with sessions enabled, the server's
 * introspection of a session cookie) says: put on the request for handlers to read.
 *
 * @param id       the user's id ({@code sub})
 * @param username the user's username, when they have one
 * @param email    the user's email, when the credential carries it: a session's introspection
 *                 does, Gatehouse's access tokens do not
 * @param roles    the user's roles by wire name ({@code common}, {@code admin})
 * @param claims   every claim of the token (or field of the introspection answer), read-only
 */
public record Identity(UUID id, Optional<String> username, Optional<String> email, Set<String> roles, Map<String, Object> claims) {
    /**
     * Checks the parts and copies the roles and claims.
     *
     * @param id       the user's id
     * @param username the user's username, or empty
     * @param email    the user's email, or empty
     * @param roles    the user's roles by wire name
     * @param claims   every claim of the token or field of the answer; {@code null} values are kept
     * @throws NullPointerException when a part is null
     */
    public Identity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        roles = Set.copyOf(roles);
        // JSON may hold nulls, which Map.copyOf refuses.
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /**
     * The best short label: username, else email.
     *
     * @return the username, else the email, else the id
     */
    public String label() {
        return username.or(() -> email).orElse(id.toString());
    }
}
