package dev.gatehouse.core.token;

import dev.gatehouse.core.user.Role;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The claims of an access token that verified.
 *
 * @param subject the user's id ({@code sub})
 * @param sid     the session the token was issued for, if any
 * @param raw     every claim as parsed JSON (dates as epoch seconds), read-only
 */
public record AccessTokenClaims(
        UUID subject,
        Optional<String> username,
        Optional<String> name,
        Role role,
        String jti,
        Instant issuedAt,
        Instant expiresAt,
        Optional<String> sid,
        Map<String, Object> raw) {

    public AccessTokenClaims {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(sid, "sid");
        // JSON may hold nulls, which Map.copyOf refuses.
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    /** The refresh family of a token issued without a session ({@code rfam}); empty for a session's tokens. */
    public Optional<UUID> refreshFamily() {
        if (raw.get(AccessTokenClaimNames.REFRESH_FAMILY) instanceof String family) {
            try {
                return Optional.of(UUID.fromString(family));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
