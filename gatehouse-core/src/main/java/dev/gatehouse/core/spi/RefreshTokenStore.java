package dev.gatehouse.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where refresh tokens are kept (SPI). Thread-safe. Every method is a single atomic step; the
 * service builds rotation and reuse detection on {@link #markSpent}'s compare-and-set. Stores
 * throw {@link dev.gatehouse.core.spi.StoreUnavailableException} when they cannot answer.
 */
public interface RefreshTokenStore {
    /**
     * Stores a new token.
     *
     * @param token the token's record
     * @throws IllegalStateException when the id or token hash is already stored (a token issued
     *         twice), or the store knows users and the token's user does not exist
     */
    void insert(RefreshToken token);

    /**
     * The token whose hash this is, in whatever state.
     *
     * @param tokenHash the SHA-256 of the token, as {@link RefreshToken#tokenHash()} holds it
     * @return the record, or empty
     */
    Optional<RefreshToken> findByTokenHash(String tokenHash);

    /**
     * The token with this id, in whatever state.
     *
     * @param id the record's id
     * @return the record, or empty
     */
    Optional<RefreshToken> findById(UUID id);

    /**
     * Spends an active token: ACTIVE becomes SPENT with {@code spentAt} and {@code replacedBy}, in
     * one atomic compare-and-set. Of any number of concurrent callers for one token exactly one
     * gets true; everyone else, and every call on a token that is spent, revoked or absent, gets
     * false and changes nothing. Expiry is not checked here.
     *
     * @param id the token to spend
     * @param spentAt the time of the rotation
     * @param replacedBy the id of its successor
     * @return true for the one caller that spent it
     */
    boolean markSpent(UUID id, Instant spentAt, UUID replacedBy);

    /**
     * One rotation: stores {@code successor} and spends {@code current} for it ({@link #markSpent}).
     * True when the spend won. When it lost, the successor may have been stored; the caller then
     * revokes the family, which ends it too. The default inserts, then spends, in two steps and in
     * that order (see {@code RefreshTokenService#rotate} for why the order matters between
     * concurrent writers); a store that can do both in one serializable step may, and so make a
     * rotation one durable write.
     *
     * @param successor the new token, in the same family
     * @param current the id of the token presented
     * @param spentAt the time of the rotation
     * @return true when this call spent {@code current}
     */
    default boolean rotate(RefreshToken successor, UUID current, Instant spentAt) {
        insert(successor);
        return markSpent(current, spentAt, successor.id());
    }

    /**
     * Revokes the family's active tokens (spent ones stay spent, for reuse detection); returns how many.
     *
     * @param familyId the family to revoke
     * @return the number of tokens revoked
     */
    int revokeFamily(UUID familyId);

    /**
     * Revokes every active token of the user; returns how many.
     *
     * @param userId the user's id
     * @return the number of tokens revoked
     */
    int revokeAllForUser(UUID userId);

    /**
     * Revokes every active token bound to the session; returns how many.
     *
     * @param sessionId the session's public id
     * @return the number of tokens revoked
     */
    int revokeForSession(UUID sessionId);

    /**
     * The family's tokens, oldest first (by issue time, then id), whatever their state.
     *
     * @param familyId the family
     * @return its tokens, possibly none
     */
    List<RefreshToken> listFamily(UUID familyId);

    /**
     * Tokens that are active and unexpired at {@code now}.
     *
     * @param now the instant to judge expiry at
     * @return the number of such tokens
     */
    long countActive(Instant now);

    /**
     * Deletes what can no longer matter at {@code now}: every token whose family has ended, and
     * active or revoked tokens that have expired. A spent token is kept until its family ends, so
     * that presenting it late is still seen as reuse. Returns how many were deleted.
     *
     * @param now the current time
     * @return the number of tokens deleted
     */
    int deleteExpired(Instant now);
}
