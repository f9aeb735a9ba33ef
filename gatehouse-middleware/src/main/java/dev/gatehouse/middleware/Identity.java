package dev.gatehouse.middleware;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who made the request, as a verified access token says: put on the request for handlers
 * to read.
 *
 * @param id     the user's id ({@code sub})
 * @param roles  the user's roles by wire name ({@code common}, {@code admin})
 * @param claims every claim of the token, read-only
 */
public record Identity(UUID id, Optional<String> username, Optional<String> email, Set<String> roles, Map<String, Object> claims) {
    public Identity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        roles = Set.copyOf(roles);
        // JSON may hold nulls, which Map.copyOf refuses.
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /** The best short label: username, else email. */
    public String label() {
        return username.or(() -> email).orElse(id.toString());
    }
}
