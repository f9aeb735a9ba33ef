package dev.gatehouse.core.spi;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Revocations of access tokens, which are otherwise valid until they expire (SPI). Thread-safe.
 * Two kinds: a denylist of token ids ({@code jti}) whose entries end when the token would have
 * expired anyway, and a per-user not-before time that refuses every token issued earlier. A store
 * that cannot answer throws {@link dev.gatehouse.core.spi.StoreUnavailableException}: callers
 * must then refuse the token (fail closed), never accept it.
 */
public interface RevocationStore {
    /**
     * Denies the token id until {@code expiresAt}. Idempotent; revoking again never shortens an
     * entry, only lengthens it.
     *
     * @param jti the token's id
     * @param expiresAt when the denial may end: the token's expiry, plus the verifiers' leeway
     */
    void revokeJti(String jti, Instant expiresAt);

    /**
     * True while a revocation of the id is in force: an instant equal to its expiry is past it.
     *
     * @param jti the token's id
     * @param now the current time
     * @return true when the token must be refused
     */
    boolean isJtiRevoked(String jti, Instant now);

    /**
     * Refuses the user's tokens issued before {@code notBefore}. The time only moves forward: an
     * earlier instant than the one kept changes nothing, so a late, stale write cannot un-revoke.
     *
     * <p>The instant is kept to the millisecond, but a JWT's {@code iat} has whole seconds: a token
     * whose {@code iat} is the same second as the not-before time may have been issued before it
     * or after. A verifier should refuse it (fail closed); at worst a sign-in in the very second of
     * a log-out-everywhere gets a token that is refused for the rest of that second.
     *
     * @param userId the user's id
     * @param notBefore the instant before which the user's tokens are refused
     */
    void setUserNotBefore(UUID userId, Instant notBefore);

    /**
     * The user's not-before time, or empty when none was ever set.
     *
     * @param userId the user's id
     * @return the latest not-before time set, or empty
     */
    Optional<Instant> userNotBefore(UUID userId);

    /**
     * Deletes token-id revocations whose expiry is at or before {@code now}; returns how many.
     *
     * @param now the current time
     * @return the number of revocations deleted
     */
    int deleteExpired(Instant now);
}
