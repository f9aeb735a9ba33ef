package dev.gatehouse.core.authn;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.spi.ClientStore;
import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.core.token.AccessTokenCheck;
import dev.gatehouse.core.token.AccessTokenClaims;
import dev.gatehouse.core.token.AccessTokenVerifier;
import dev.gatehouse.core.token.TokenSubject;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserService;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Authenticates {@code Authorization: Bearer} access tokens: the signature and claims first
 * (no store needed), then what only the store knows — a revoked jti, the user's not-before time
 * (log-out-everywhere, password change), the session the token is bound to, the user still
 * existing, and for a token issued to a client, the client still registered. A store that cannot answer throws, and the request is refused (fail closed).
 */
public final class BearerAuthenticator {
    private final AccessTokenVerifier verifier;
    private final RevocationStore revocations;
    private final ClientStore clients;
    private final UserService users;
    private final SessionService sessions;
    private final Clock clock;

    /**
     * An authenticator over the given verifier and stores.
     *
     * @param verifier checks the signature and claims
     * @param revocations the revoked token ids and each user's not-before time
     * @param clients finds the client a token was issued to
     * @param users finds the user the token names
     * @param sessions finds the session the token is bound to, when it is
     * @param clock the time revocations are judged at
     */
    public BearerAuthenticator(AccessTokenVerifier verifier, RevocationStore revocations, ClientStore clients, UserService users,
                               SessionService sessions, Clock clock) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.clients = clients;
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

    /**
     * The store-side checks of a token whose signature and claims are already verified. A token
     * issued to a client lives only while that client does: a deleted client's tokens end with it,
     * and a client registered again under the same id does not inherit the tokens of the old one.
     */
    AuthResult admit(AccessTokenClaims claims) {
        if (revocations.isJtiRevoked(claims.jti(), clock.instant())) {
            return new AuthResult.Rejected(Rejection.INVALID_TOKEN);
        }
        Optional<Client> client = Optional.empty();
        if (claims.grant().isPresent()) {
            client = clients.findById(claims.grant().get().clientId()).filter(c -> issuedSinceRegistration(claims, c));
            if (client.isEmpty()) {
                return new AuthResult.Rejected(Rejection.INVALID_TOKEN);
            }
        }
        Optional<ClientGrant> grant = client.map(c -> stillRegistered(claims.grant().get(), c));
        return switch (claims.subject()) {
            case TokenSubject.User user -> admitUser(claims, user, grant);
            case TokenSubject.Client acting -> client.filter(c -> c.allows(GrantType.CLIENT_CREDENTIALS))
                    .<AuthResult>map(c -> new AuthResult.ClientAuthenticated(c, grant.orElseThrow()))
                    // The client may no longer act as itself: what it was given that way ends.
                    .orElseGet(() -> new AuthResult.Rejected(Rejection.INVALID_TOKEN));
        };
    }

    private AuthResult admitUser(AccessTokenClaims claims, TokenSubject.User subject, Optional<ClientGrant> grant) {
        if (issuedBeforeNotBefore(claims, subject.id())) {
            return new AuthResult.Rejected(Rejection.INVALID_TOKEN);
        }
        Optional<UUID> sid = claims.sid().flatMap(BearerAuthenticator::uuid);
        if (claims.sid().isPresent() && (sid.isEmpty() || sessions.findLive(sid.get()).isEmpty())) {
            // The sign-in this token came from has ended (logout): its tokens end with it.
            return new AuthResult.Rejected(Rejection.INVALID_TOKEN);
        }
        Optional<User> user = users.find(subject.id());
        return user.<AuthResult>map(u -> new AuthResult.Authenticated(u, AuthMethod.BEARER, Optional.empty(), grant))
                .orElseGet(() -> new AuthResult.Rejected(Rejection.INVALID_TOKEN));
    }

    /**
     * {@code iat} has whole seconds: a token from the second the client was registered in counts as
     * the new client's, or a client's first token, asked for at once, would be refused.
     */
    private static boolean issuedSinceRegistration(AccessTokenClaims claims, Client client) {
        return !claims.issuedAt().isBefore(client.createdAt().truncatedTo(ChronoUnit.SECONDS));
    }

    /** A scope the operator has since taken from the client is no longer granted by its tokens. */
    private static ClientGrant stillRegistered(ClientGrant grant, Client client) {
        return new ClientGrant(grant.clientId(), grant.scopes().stream().filter(client.scopes()::contains).collect(Collectors.toSet()));
    }

    /**
     * {@code iat} has whole seconds while the not-before time has milliseconds: a token issued in
     * the same second may predate the revocation, so it is refused too (see RevocationStore).
     */
    private boolean issuedBeforeNotBefore(AccessTokenClaims claims, UUID userId) {
        return revocations.userNotBefore(userId)
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
