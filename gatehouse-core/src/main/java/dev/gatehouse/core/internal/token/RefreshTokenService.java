package dev.gatehouse.core.internal.token;

import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.internal.support.SecureIds;
import dev.gatehouse.core.spi.RefreshToken;
import dev.gatehouse.core.spi.RefreshTokenStore;
import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.core.spi.TokenHashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Issues, rotates and revokes refresh tokens under a {@link RefreshTokenPolicy}.
 *
 * <p>Rotation follows the OAuth 2.0 Security BCP (RFC 9700 section 4.14.2): every refresh spends
 * the presented token and returns its successor in the same family; a spent token presented
 * again means two parties hold it, so the whole family is revoked, the newest token included.
 *
 * <p>Parallel refreshes of one token: the store's {@link RefreshTokenStore#markSpent} lets exactly
 * one caller spend it, and that caller alone gets {@link RefreshResult.Rotated}. A caller that
 * loses the race presented a token that someone else presented too, which is what reuse is, so it
 * is treated as reuse: the family is revoked and it gets {@link RefreshResult.ReuseDetected}. The
 * verdict then no longer depends on timing (whether the second request read the token before or
 * after the first one spent it), and a thief gains nothing by racing the client. The price is that
 * a client must not refresh one token twice at once (browser tabs should share one refresh); if it
 * does, the user signs in again. Either way there is never more than one live chain.
 */
public final class RefreshTokenService {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenService.class);

    private final RefreshTokenStore tokens;
    private final RevocationStore revocations;
    private final RefreshTokenPolicy policy;
    private final Clock clock;

    /**
     * A service over the given stores.
     *
     * @param tokens where refresh tokens are kept
     * @param revocations where each user's not-before time is set when all their tokens end
     * @param policy how long tokens and families live
     * @param clock the time expiries are measured by
     */
    public RefreshTokenService(RefreshTokenStore tokens, RevocationStore revocations, RefreshTokenPolicy policy, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * How long tokens and families live.
     *
     * @return the policy
     */
    public RefreshTokenPolicy policy() {
        return policy;
    }

    /**
     * Begins a new family (at sign-in) and returns its first token, bound to the session when given.
     *
     * @param userId the user who signed in
     * @param sessionId the session of the sign-in, if one was started
     * @return the token, for the client, and its record
     */
    public IssuedRefreshToken issue(UUID userId, Optional<UUID> sessionId) {
        return issue(userId, sessionId, Optional.empty(), Optional.empty());
    }

    /**
     * Begins a new family, issued to an OpenID client when {@code grant} is present: every token of
     * the family carries the client and the scopes, so that only that client may rotate it.
     *
     * @param userId the user who signed in
     * @param sessionId the session of the sign-in the family ends with, if any
     * @param grant the client and the scopes the user granted it, or empty for Gatehouse's own sign-in
     * @param familyLifetime the client's own family lifetime, when shorter than the policy's; empty for the policy's
     * @return the token, for the client, and its record
     */
    public IssuedRefreshToken issue(UUID userId, Optional<UUID> sessionId, Optional<ClientGrant> grant, Optional<Duration> familyLifetime) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(grant, "grant");
        Duration lifetime = familyLifetime.filter(own -> own.compareTo(policy.familyLifetime()) < 0).orElse(policy.familyLifetime());
        Instant now = now();
        IssuedRefreshToken first = newToken(SecureIds.newUuid(), userId, sessionId, grant, now, now.plus(lifetime));
        tokens.insert(first.record());
        return first;
    }

    /**
     * Spends the presented token and returns its successor, or says why not. A spent token
     * revokes its family ({@link RefreshResult.ReuseDetected}), as does losing a race to spend it.
     *
     * @param presented the refresh token as presented; a malformed one is no error
     * @return the successor, or why none is given
     */
    public RefreshResult rotate(String presented) {
        return rotate(presented, token -> Optional.empty());
    }

    /**
     * As {@link #rotate(String)}, asking {@code presenter} first whether the live token is the
     * presenter's to rotate: a refusal spends nothing, so the holder can still use it.
     *
     * @param presented the refresh token as presented; a malformed one is no error
     * @param presenter the reason the presenter may not rotate this live token, or empty when it may
     * @return the successor, or why none is given
     */
    public RefreshResult rotate(String presented, Function<RefreshToken, Optional<RefreshFailure>> presenter) {
        if (!SecureIds.isWellFormedToken(presented)) {
            return new RefreshResult.Invalid(RefreshFailure.MALFORMED);
        }
        Optional<RefreshToken> found = tokens.findByTokenHash(TokenHashes.sha256(presented));
        if (found.isEmpty()) {
            return new RefreshResult.Invalid(RefreshFailure.UNKNOWN);
        }
        RefreshToken current = found.get();
        // Reuse is judged before expiry: a spent token is proof of a second holder however late it comes.
        switch (current.state()) {
            case SPENT -> {
                return reuseDetected(current);
            }
            case REVOKED -> {
                return new RefreshResult.Invalid(RefreshFailure.REVOKED);
            }
            case ACTIVE -> { }
        }
        Instant now = now();
        if (current.isExpiredAt(now)) {
            return new RefreshResult.Invalid(RefreshFailure.EXPIRED);
        }
        Optional<RefreshFailure> refused = presenter.apply(current);
        if (refused.isPresent()) {
            return new RefreshResult.Invalid(refused.get());
        }
        IssuedRefreshToken next = newToken(current.familyId(), current.userId(), current.sessionId(), current.grant(), now,
                current.familyExpiresAt());
        // The successor is stored before the old token is spent: a revocation of the family that
        // runs after the spend then finds it active and revokes it; one that runs before makes the
        // spend fail. Spending first would leave a moment where a revocation misses the successor.
        if (tokens.rotate(next.record(), current.id(), now)) {
            return new RefreshResult.Rotated(next, current.userId(), current.sessionId());
        }
        return lostTheSpend(current);
    }

    /**
     * The presented token's record while it can still be rotated (RFC 7662 introspection); empty otherwise.
     *
     * @param presented the refresh token as presented
     * @return its record while active and unexpired, or empty
     */
    public Optional<RefreshToken> findUsable(String presented) {
        if (!SecureIds.isWellFormedToken(presented)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findByTokenHash(TokenHashes.sha256(presented))
                .filter(t -> t.state() == RefreshToken.State.ACTIVE && !t.isExpiredAt(now));
    }

    /**
     * RFC 7009: revokes the family of the presented token, whatever its state. Idempotent; a
     * malformed or unknown token is no error. True when the token was known.
     *
     * @param presented the refresh token as presented
     * @return true when the token was known
     */
    public boolean revoke(String presented) {
        if (!SecureIds.isWellFormedToken(presented)) {
            return false;
        }
        Optional<RefreshToken> found = tokens.findByTokenHash(TokenHashes.sha256(presented));
        found.ifPresent(token -> tokens.revokeFamily(token.familyId()));
        return found.isPresent();
    }

    /**
     * Log out everywhere, or a password change: revokes every refresh token of the user and sets
     * the user's not-before time to now, so that access tokens issued before it are refused too.
     * Returns how many refresh tokens were revoked.
     *
     * @param userId the user's id
     * @return how many refresh tokens were revoked
     */
    public int revokeAllForUser(UUID userId) {
        revocations.setUserNotBefore(userId, now());
        return tokens.revokeAllForUser(userId);
    }

    /**
     * Ends one family (a sign-in without a session, logged out with its access token); returns how many tokens were live.
     *
     * @param familyId the family to end
     * @return how many tokens were revoked
     */
    public int revokeFamily(UUID familyId) {
        return tokens.revokeFamily(familyId);
    }

    /**
     * Logout: revokes the refresh family bound to the session. Returns how many tokens were revoked.
     *
     * @param sessionId the session that ended
     * @return how many tokens were revoked
     */
    public int revokeForSession(UUID sessionId) {
        return tokens.revokeForSession(sessionId);
    }

    /**
     * Active, unexpired refresh tokens.
     *
     * @return the number of refresh tokens that could be used now
     */
    public long countActive() {
        return tokens.countActive(now());
    }

    /**
     * Deletes refresh tokens and access-token revocations that can no longer matter; returns how many.
     *
     * @return how many records were deleted, both kinds together
     */
    public int purgeExpired() {
        Instant now = now();
        return tokens.deleteExpired(now) + revocations.deleteExpired(now);
    }

    /** Someone spent or revoked the token between this caller's read and its write. */
    private RefreshResult lostTheSpend(RefreshToken current) {
        Optional<RefreshToken> after = tokens.findById(current.id());
        if (after.isPresent() && after.get().state() == RefreshToken.State.SPENT) {
            return reuseDetected(current);
        }
        // Revoked meanwhile (logout, reuse elsewhere) or purged: the successor stored above must not live on.
        tokens.revokeFamily(current.familyId());
        return new RefreshResult.Invalid(after.isPresent() ? RefreshFailure.REVOKED : RefreshFailure.UNKNOWN);
    }

    private RefreshResult reuseDetected(RefreshToken presented) {
        int revoked = tokens.revokeFamily(presented.familyId());
        // The audit record: ids only, never the token or its hash.
        LOG.warn("refresh token reuse detected: revoked family {} of user {} ({} active tokens)",
                presented.familyId(), presented.userId(), revoked);
        return new RefreshResult.ReuseDetected(presented.familyId(), presented.userId());
    }

    private IssuedRefreshToken newToken(UUID familyId, UUID userId, Optional<UUID> sessionId, Optional<ClientGrant> grant, Instant now,
                                        Instant familyExpiresAt) {
        String token = SecureIds.newToken();
        Instant slid = now.plus(policy.tokenLifetime());
        Instant expiresAt = slid.isBefore(familyExpiresAt) ? slid : familyExpiresAt;
        RefreshToken record = RefreshToken.active(SecureIds.newUuid(), TokenHashes.sha256(token), familyId, userId, sessionId,
                now, expiresAt, familyExpiresAt, grant);
        return new IssuedRefreshToken(token, record);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
