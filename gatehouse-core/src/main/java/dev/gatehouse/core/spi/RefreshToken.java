package dev.gatehouse.core.spi;

import dev.gatehouse.core.client.ClientGrant;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One refresh token of a family. The token itself is opaque (256 random bits) and never kept:
 * only its SHA-256 ({@code tokenHash}), so a leaked store cannot be replayed. Every rotation spends
 * the presented token and adds the next one to the same family; the family is what reuse
 * detection, logout and revocation act on.
 *
 * @param id the record's id, which {@code replacedBy} names
 * @param tokenHash the SHA-256 of the token, unpadded base64url: how a presented token finds its record
 * @param familyId the chain this token belongs to: the first token of a sign-in and all its successors
 * @param userId the user the family belongs to
 * @param sessionId the session the family is bound to, so that ending the session revokes it
 * @param issuedAt when this token was issued
 * @param expiresAt the end of this token: an instant equal to it is already past it
 * @param familyExpiresAt the end of the whole family, fixed when it began; no successor outlives it
 * @param state where the token is in its life
 * @param spentAt when it was rotated; present exactly when {@code state} is {@link State#SPENT}
 * @param replacedBy the id of the token that replaced it; present exactly when spent
 * @param grant the OpenID client the family was issued to and the scopes the user granted it; empty
 *        for a family of Gatehouse's own sign-in. Only that client may rotate it, at the OpenID
 *        token endpoint, and never for more scopes
 */
public record RefreshToken(
        UUID id,
        String tokenHash,
        UUID familyId,
        UUID userId,
        Optional<UUID> sessionId,
        Instant issuedAt,
        Instant expiresAt,
        Instant familyExpiresAt,
        State state,
        Optional<Instant> spentAt,
        Optional<UUID> replacedBy,
        Optional<ClientGrant> grant) {

    /** Where a token is in its life. Only an {@link #ACTIVE} one can be rotated. */
    public enum State {
        /** Usable once, until it expires. */
        ACTIVE,
        /** Rotated: presenting it again is reuse, and revokes its family. */
        SPENT,
        /** Revoked with its family (logout, reuse, RFC 7009): refused, never reused. */
        REVOKED
    }

    /**
     * Refuses a missing component, a token that outlives its family, and a spent state without its
     * time and successor (or those without the state).
     *
     * @throws IllegalArgumentException when the expiries or the spent state are inconsistent
     */
    public RefreshToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(familyExpiresAt, "familyExpiresAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(spentAt, "spentAt");
        Objects.requireNonNull(replacedBy, "replacedBy");
        Objects.requireNonNull(grant, "grant");
        if (expiresAt.isAfter(familyExpiresAt)) {
            throw new IllegalArgumentException("a refresh token cannot outlive its family");
        }
        if ((state == State.SPENT) != (spentAt.isPresent() && replacedBy.isPresent())) {
            throw new IllegalArgumentException("spentAt and replacedBy are present exactly when the token is spent");
        }
    }

    /**
     * A new, unspent token.
     *
     * @param id the record's id
     * @param tokenHash the SHA-256 of the token
     * @param familyId the family it belongs to
     * @param userId the user the family belongs to
     * @param sessionId the session the family is bound to, if any
     * @param issuedAt when it is issued
     * @param expiresAt when it expires, no later than {@code familyExpiresAt}
     * @param familyExpiresAt when the family ends
     * @param grant the client the family was issued to and its scopes, or empty for Gatehouse's own sign-in
     * @return the token, {@link State#ACTIVE}
     */
    public static RefreshToken active(UUID id, String tokenHash, UUID familyId, UUID userId, Optional<UUID> sessionId,
                                      Instant issuedAt, Instant expiresAt, Instant familyExpiresAt, Optional<ClientGrant> grant) {
        return new RefreshToken(id, tokenHash, familyId, userId, sessionId, issuedAt, expiresAt, familyExpiresAt,
                State.ACTIVE, Optional.empty(), Optional.empty(), grant);
    }

    /**
     * A new, unspent token of Gatehouse's own sign-in (no client).
     *
     * @param id the record's id
     * @param tokenHash the SHA-256 of the token
     * @param familyId the family it belongs to
     * @param userId the user the family belongs to
     * @param sessionId the session the family is bound to, if any
     * @param issuedAt when it is issued
     * @param expiresAt when it expires, no later than {@code familyExpiresAt}
     * @param familyExpiresAt when the family ends
     * @return the token, {@link State#ACTIVE}
     */
    public static RefreshToken active(UUID id, String tokenHash, UUID familyId, UUID userId, Optional<UUID> sessionId,
                                      Instant issuedAt, Instant expiresAt, Instant familyExpiresAt) {
        return active(id, tokenHash, familyId, userId, sessionId, issuedAt, expiresAt, familyExpiresAt, Optional.empty());
    }

    /**
     * Live until its expiry; an instant equal to the expiry is already past it.
     *
     * @param now the instant to judge at
     * @return true from the expiry on
     */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * This token as spent by a rotation.
     *
     * @param at when it was rotated
     * @param replacement the id of its successor
     * @return the changed copy, {@link State#SPENT}; this one is unchanged
     */
    public RefreshToken spent(Instant at, UUID replacement) {
        return new RefreshToken(id, tokenHash, familyId, userId, sessionId, issuedAt, expiresAt, familyExpiresAt,
                State.SPENT, Optional.of(at), Optional.of(replacement), grant);
    }

    /**
     * This token as revoked with its family.
     *
     * @return the changed copy, {@link State#REVOKED}; this one is unchanged
     */
    public RefreshToken revoked() {
        return new RefreshToken(id, tokenHash, familyId, userId, sessionId, issuedAt, expiresAt, familyExpiresAt,
                State.REVOKED, Optional.empty(), Optional.empty(), grant);
    }

    @Override
    public String toString() {
        return "RefreshToken[id=" + id + ", familyId=" + familyId + ", userId=" + userId + ", state=" + state + "]";
    }
}
