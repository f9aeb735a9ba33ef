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
 * @param username the user's username ({@code username}), if they have one
 * @param name the user's display name ({@code name}), if they have one
 * @param role the user's role when the token was issued ({@code role})
 * @param jti the token's unique id, for revocation
 * @param issuedAt when it was issued ({@code iat})
 * @param expiresAt when it expires ({@code exp})
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

    /** Refuses a missing component, and keeps a read-only copy of the raw claims. */
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

    /**
     * The refresh family of a token issued without a session ({@code rfam}); empty for a session's tokens.
     *
     * @return the family's id, or empty
     */
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
