package dev.gatehouse.core.token;

import dev.gatehouse.core.client.ClientGrant;

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
 * @param subject   who the token speaks for: a user, or a client acting as itself
 * @param jti       the token's unique id, for revocation
 * @param issuedAt  when it was issued ({@code iat})
 * @param expiresAt when it expires ({@code exp})
 * @param sid       the session the token was issued for, if any
 * @param grant     the client the token was issued to and the scopes granted ({@code client_id},
 *                  {@code scope}); empty for a token of Gatehouse's own sign-in
 * @param raw       every claim as parsed JSON (dates as epoch seconds), read-only
 */
public record AccessTokenClaims(
        TokenSubject subject,
        String jti,
        Instant issuedAt,
        Instant expiresAt,
        Optional<String> sid,
        Optional<ClientGrant> grant,
        Map<String, Object> raw) {

    /** Refuses a missing component, and keeps a read-only copy of the raw claims. */
    public AccessTokenClaims {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(grant, "grant");
        if (subject instanceof TokenSubject.Client client && !grant.map(g -> g.clientId().equals(client.clientId())).orElse(false)) {
            throw new IllegalArgumentException("a client's own token names it as client_id too");
        }
        // JSON may hold nulls, which Map.copyOf refuses.
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    /**
     * The user the token speaks for.
     *
     * @return the user, or empty for a client acting as itself
     */
    public Optional<TokenSubject.User> user() {
        return subject instanceof TokenSubject.User user ? Optional.of(user) : Optional.empty();
    }

    /**
     * The {@code sub} claim as written.
     *
     * @return the user's id, or the client's id for a client acting as itself
     */
    public String subjectText() {
        return switch (subject) {
            case TokenSubject.User user -> user.id().toString();
            case TokenSubject.Client client -> client.clientId();
        };
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
