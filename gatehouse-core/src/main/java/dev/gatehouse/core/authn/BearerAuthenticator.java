package dev.gatehouse.core.authn;

import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.core.token.AccessTokenCheck;
import dev.gatehouse.core.token.AccessTokenClaims;
import dev.gatehouse.core.token.AccessTokenVerifier;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserService;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Authenticates {@code Authorization: Bearer} access tokens: the signature and claims first
 * (no store needed), then what only the store knows — a revoked jti, the user's not-before time
 * (log-out-everywhere, password change), the session the token is bound to, the user still
 * existing. A store that cannot answer throws, and the request is refused (fail closed).
 */
public final class BearerAuthenticator {
    private final AccessTokenVerifier verifier;
    private final RevocationStore revocations;
    private final UserService users;
    private final SessionService sessions;
    private final Clock clock;

    /**
     * An authenticator over the given verifier and stores.
     *
     * @param verifier checks the signature and claims
     * @param revocations the revoked token ids and each user's not-before time
     * @param users finds the user the token names
     * @param sessions finds the session the token is bound to, when it is
     * @param clock the time revocations are judged at
     */
    public BearerAuthenticator(AccessTokenVerifier verifier, RevocationStore revocations, UserService users,
                               SessionService sessions, Clock clock) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.users = users;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * Authenticates the token of an {@code Authorization: Bearer} header.
     *
     * @param token the compact JWS as presented
     * @return the user, or {@link Rejection#INVALID_TOKEN} whatever the token's fault, so that a caller
     *         learns nothing about why a forged or revoked token failed
     */
    public AuthResult authenticate(String token) {
        return switch (verifier.verify(token)) {
            case AccessTokenCheck.Invalid invalid -> new AuthResult.Rejected(Rejection.INVALID_TOKEN);
            case AccessTokenCheck.Valid valid -> admit(valid.claims());
        };
    }

    /** The store-side checks of a token whose signature and claims are already verified. */
    AuthResult admit(AccessTokenClaims claims) {
        Instant now = clock.instant();
        if (revocations.isJtiRevoked(claims.jti(), now) || issuedBeforeNotBefore(claims)) {
            return new AuthResult.Rejected(Rejection.INVALID_TOKEN);
        }
        Optional<UUID> sid = claims.sid().flatMap(BearerAuthenticator::uuid);
        if (claims.sid().isPresent() && (sid.isEmpty() || sessions.findLive(sid.get()).isEmpty())) {
            // The sign-in this token came from has ended (logout): its tokens end with it.
            return new AuthResult.Rejected(Rejection.INVALID_TOKEN);
        }
        Optional<User> user = users.find(claims.subject());
        return user.<AuthResult>map(u -> new AuthResult.Authenticated(u, AuthMethod.BEARER, Optional.empty()))
                .orElseGet(() -> new AuthResult.Rejected(Rejection.INVALID_TOKEN));
    }

    /**
     * {@code iat} has whole seconds while the not-before time has milliseconds: a token issued in
     * the same second may predate the revocation, so it is refused too (see RevocationStore).
     */
    private boolean issuedBeforeNotBefore(AccessTokenClaims claims) {
        return revocations.userNotBefore(claims.subject())
                .map(notBefore -> !claims.issuedAt().isAfter(notBefore.truncatedTo(ChronoUnit.SECONDS)))
                .orElse(false);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
