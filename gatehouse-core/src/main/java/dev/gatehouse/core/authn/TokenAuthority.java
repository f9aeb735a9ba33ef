package dev.gatehouse.core.authn;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.internal.keys.Jwks;
import dev.gatehouse.core.internal.token.IssuedRefreshToken;
import dev.gatehouse.core.internal.token.RefreshFailure;
import dev.gatehouse.core.internal.token.RefreshResult;
import dev.gatehouse.core.internal.token.RefreshTokenPolicy;
import dev.gatehouse.core.internal.token.RefreshTokenService;
import dev.gatehouse.core.keys.KeyRing;
import dev.gatehouse.core.keys.TokenKeys;
import dev.gatehouse.core.keys.VerificationKeys;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.spi.ClientStore;
import dev.gatehouse.core.spi.RefreshToken;
import dev.gatehouse.core.spi.RefreshTokenStore;
import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.core.token.AccessTokenCheck;
import dev.gatehouse.core.token.AccessTokenClaims;
import dev.gatehouse.core.token.AccessTokenIssuer;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.core.token.AccessTokenVerifier;
import dev.gatehouse.core.token.IssuedAccessToken;
import dev.gatehouse.core.token.OpenIdTokenSigner;
import dev.gatehouse.core.token.TokenSubject;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Everything about tokens a server does, in one place: issue an access and refresh token at
 * sign-in, rotate on refresh, revoke (RFC 7009), introspect (RFC 7662), end the tokens of a
 * session or of a user, and publish the keys. The key ring is read at each use, so a rotation
 * takes effect at once.
 */
public final class TokenAuthority {
    private final AccessTokenIssuer issuer;
    private final AccessTokenVerifier verifier;
    private final RefreshTokenService refresh;
    private final RevocationStore revocations;
    private final UserService users;
    private final SessionService sessions;
    private final Supplier<KeyRing> ring;
    private final Clock clock;
    private final BearerAuthenticator bearer;
    private final BearerAuthenticator ownEndpointsBearer;
    private final OpenIdTokenSigner openIdTokens;

    /**
     * An authority over parts already built; {@link #create} builds them from settings and keys.
     *
     * @param issuer signs access tokens
     * @param verifier checks access tokens
     * @param ownEndpointsVerifier checks access tokens at Gatehouse's own OpenID endpoints, third-party apps' too
     * @param refresh issues, rotates and revokes refresh tokens
     * @param revocations the revoked access token ids and each user's not-before time
     * @param clients finds the clients tokens were issued to
     * @param users finds the users tokens name
     * @param sessions finds and ends the sessions tokens are bound to
     * @param ring the current key ring, read at each use
     * @param verificationKeys the keys tokens verify with
     * @param clock the time expiries are measured by
     */
    private TokenAuthority(AccessTokenIssuer issuer, AccessTokenVerifier verifier, AccessTokenVerifier ownEndpointsVerifier,
                          RefreshTokenService refresh, RevocationStore revocations, ClientStore clients, UserService users,
                          SessionService sessions, Supplier<KeyRing> ring, VerificationKeys verificationKeys, Clock clock) {
        this.issuer = issuer;
        this.verifier = verifier;
        this.refresh = refresh;
        this.revocations = revocations;
        this.users = users;
        this.sessions = sessions;
        this.ring = ring;
        this.clock = clock;
        this.bearer = new BearerAuthenticator(verifier, revocations, clients, users, sessions, clock);
        this.ownEndpointsBearer = new BearerAuthenticator(ownEndpointsVerifier, revocations, clients, users, sessions, clock);
        this.openIdTokens = new OpenIdTokenSigner(issuer, ring, verificationKeys);
    }

    /**
     * The authenticator of {@code Authorization: Bearer} requests, applying the same revocations as {@link #introspect}.
     *
     * @return the bearer authenticator, shared
     */
    public BearerAuthenticator bearer() {
        return bearer;
    }

    /**
     * The token machinery over {@code keys}.
     *
     * @param settings      the issuer, audience and lifetime of access tokens
     * @param refreshTtl    how long a refresh token lives unused
     * @param keys          the signing keys, read at each use
     * @param refreshTokens where refresh tokens are kept
     * @param revocations   where revoked access tokens and not-before times are kept
     * @param clients       finds the clients tokens were issued to
     * @param users         finds the users tokens name
     * @param sessions      finds and ends the sessions tokens are bound to
     * @param clock         the time expiries are measured by
     * @return the authority
     */
    public static TokenAuthority create(AccessTokenSettings settings, Duration refreshTtl, TokenKeys keys,
                                        RefreshTokenStore refreshTokens, RevocationStore revocations, ClientStore clients,
                                        UserService users, SessionService sessions, Clock clock) {
        RefreshTokenService refresh = new RefreshTokenService(refreshTokens, revocations, RefreshTokenPolicy.of(refreshTtl), clock);
        return new TokenAuthority(new AccessTokenIssuer(settings, clock), new AccessTokenVerifier(settings, keys.verificationKeys(), clock),
                AccessTokenVerifier.forOwnEndpoints(settings, keys.verificationKeys(), clock),
                refresh, revocations, clients, users, sessions, keys.ringSupplier(), keys.verificationKeys(), clock);
    }

    /**
     * The authenticator of Gatehouse's own OpenID endpoints ({@code /userinfo}): as {@link #bearer()},
     * and it also takes the tokens third-party apps got for users, whose audience is the issuer.
     *
     * @return the authenticator, shared
     */
    public BearerAuthenticator ownEndpointsBearer() {
        return ownEndpointsBearer;
    }

    /**
     * The tokens of a new sign-in; bound to its session when there is one, so that logout ends them.
     *
     * @param user the user who signed in
     * @param session the session of the sign-in, if one was started
     * @return the access token, its lifetime and the first refresh token of a new family
     */
    public TokenPair issue(User user, Optional<Session> session) {
        Optional<UUID> sessionId = session.map(Session::id);
        IssuedRefreshToken refreshToken = refresh.issue(user.id(), sessionId);
        IssuedAccessToken access = issuer.issue(user, ring.get().signingKey(), sessionId.map(UUID::toString),
                familyWithoutSession(sessionId, refreshToken));
        return new TokenPair(access.token(), secondsUntil(access.expiresAt()), refreshToken.token());
    }

    /**
     * An access token for a client acting as itself ({@code client_credentials}): {@code sub} is
     * the client, and no refresh token comes with it (RFC 6749 section 4.4.3); the client asks again.
     *
     * @param grant the client and the scopes it is given
     * @param ttl   the client's own access token lifetime, or empty for the server's
     * @return the token and its expiry
     */
    public IssuedAccessToken issueForClient(ClientGrant grant, Optional<Duration> ttl) {
        return issuer.issueForClient(grant, ring.get().signingKey(), ttl.orElse(issuer.settings().ttl()));
    }

    /**
     * An access token a client got for a user at the end of the authorization code flow: the
     * user's claims, the client's id and the granted scopes, bound to the browser session the user
     * signed in with, so that ending that session ends the token.
     *
     * @param user      the user
     * @param grant     the client and the scopes the user granted it
     * @param sessionId the browser session of the sign-in
     * @param ttl       the client's own access token lifetime, or empty for the server's
     * @param firstParty whether the client is the operator's own: only then may the token be taken
     *                  by the APIs behind Gatehouse (see {@link AccessTokenIssuer#issueForClient(User,
     *                  ClientGrant, dev.gatehouse.core.keys.SigningKey, Optional, Duration, boolean)})
     * @return the token and its expiry
     */
    public IssuedAccessToken issueForClient(User user, ClientGrant grant, UUID sessionId, Optional<Duration> ttl, boolean firstParty) {
        return issuer.issueForClient(user, grant, ring.get().signingKey(), Optional.of(sessionId), ttl.orElse(issuer.settings().ttl()),
                firstParty);
    }

    /**
     * Signs the OpenID provider's other tokens (ID tokens, logout tokens) with the current signing
     * key, which the JWKS publishes.
     *
     * @return the signer, shared
     */
    public OpenIdTokenSigner openIdTokens() {
        return openIdTokens;
    }

    /**
     * Denies an access token by its id until {@code until} (a code exchanged twice revokes what its
     * first exchange issued, knowing only the token's id).
     *
     * @param jti   the token's id
     * @param until when the token expires at the latest
     */
    public void revokeAccessTokenId(String jti, Instant until) {
        revocations.revokeJti(jti, until.plus(AccessTokenVerifier.MAX_LEEWAY));
    }

    /**
     * Begins a refresh token family for an OpenID client (the authorization code flow with
     * {@code offline_access}, or a first-party client): only that client may rotate it, for at
     * most {@code grant}'s scopes.
     *
     * @param user      the user who signed in
     * @param grant     the client and the scopes the user granted it
     * @param sessionId the browser session the family ends with, or empty for one that outlives it ({@code offline_access})
     * @param familyTtl the client's own family lifetime; the server's applies when it is shorter or this is empty
     * @return the first token and its family
     */
    public ClientRefreshToken issueClientRefreshToken(User user, ClientGrant grant, Optional<UUID> sessionId, Optional<Duration> familyTtl) {
        IssuedRefreshToken first = refresh.issue(user.id(), sessionId, Optional.of(grant), familyTtl);
        return new ClientRefreshToken(first.token(), first.record().familyId());
    }

    /**
     * Rotates the refresh token of an OpenID client, with the same rotation and reuse detection as
     * Gatehouse's own ({@link #refresh}). Refused before anything is spent when the token is not
     * this client's (another client's, or Gatehouse's own sign-in's), when the client was registered
     * again since the family began, or when a scope is asked that the family was not granted.
     *
     * @param token           the refresh token as presented
     * @param client          the client that authenticated
     * @param requestedScopes the scopes asked for, or empty for the family's
     * @param ttl             the client's own access token lifetime, or empty for the server's
     * @return the new tokens, or why none are given
     */
    public ClientRefresh refreshForClient(String token, Client client, Optional<Set<String>> requestedScopes, Optional<Duration> ttl) {
        return switch (refresh.rotate(token, current -> clientMayRotate(current, client, requestedScopes))) {
            case RefreshResult.Invalid invalid when invalid.reason() == RefreshFailure.SCOPE_NOT_GRANTED -> new ClientRefresh.InvalidScope();
            case RefreshResult.Invalid invalid -> new ClientRefresh.InvalidGrant();
            case RefreshResult.ReuseDetected reuse -> new ClientRefresh.InvalidGrant();
            case RefreshResult.Rotated rotated -> rotatedForClient(rotated, client, requestedScopes, ttl);
        };
    }

    /** Only the client the family was issued to, registered since it began, and for no scope it was not granted. */
    private static Optional<RefreshFailure> clientMayRotate(RefreshToken current, Client client, Optional<Set<String>> requestedScopes) {
        Optional<ClientGrant> grant = current.grant();
        if (grant.isEmpty() || !grant.get().clientId().equals(client.id()) || current.issuedAt().isBefore(client.createdAt())) {
            return Optional.of(RefreshFailure.NOT_THE_HOLDERS);
        }
        if (requestedScopes.isPresent() && !grant.get().scopes().containsAll(requestedScopes.get())) {
            return Optional.of(RefreshFailure.SCOPE_NOT_GRANTED);
        }
        return Optional.empty();
    }

    private ClientRefresh rotatedForClient(RefreshResult.Rotated rotated, Client client, Optional<Set<String>> requestedScopes,
                                           Optional<Duration> ttl) {
        // clientMayRotate let only this client's family through.
        ClientGrant family = rotated.next().record().grant().orElseThrow();
        Optional<User> user = users.find(rotated.userId());
        boolean sessionGone = rotated.sessionId().isPresent() && sessions.findLive(rotated.sessionId().get()).isEmpty();
        if (user.isEmpty() || sessionGone) {
            // Its sign-in ended: nothing is renewed from it.
            refresh.revoke(rotated.next().token());
            return new ClientRefresh.InvalidGrant();
        }
        // The scopes the operator has since taken from the client are not renewed either.
        Set<String> scopes = requestedScopes.orElse(family.scopes()).stream().filter(client.scopes()::contains)
                .collect(Collectors.toSet());
        ClientGrant granted = new ClientGrant(client.id(), scopes);
        IssuedAccessToken access = issuer.issueForClient(user.get(), granted, ring.get().signingKey(), rotated.sessionId(),
                ttl.orElse(issuer.settings().ttl()), client.firstParty());
        return new ClientRefresh.Refreshed(access, rotated.next().token(), granted, user.get(), rotated.sessionId());
    }

    /**
     * Ends a refresh token family (its code was used again, its client deleted).
     *
     * @param familyId the family
     */
    public void endRefreshFamily(UUID familyId) {
        refresh.revokeFamily(familyId);
    }

    /**
     * Rotates a refresh token: a new pair, or a refusal (reuse revokes the whole family).
     *
     * @param refreshToken the refresh token as presented
     * @return the new pair, or why none is given
     */
    public RefreshOutcome refresh(String refreshToken) {
        // An OpenID client's family is rotated by that client at the OpenID token endpoint, never
        // here, where the answer would be a token of Gatehouse's own sign-in, without its client.
        return switch (refresh.rotate(refreshToken, token -> token.grant().map(grant -> RefreshFailure.NOT_THE_HOLDERS))) {
            case RefreshResult.Invalid invalid -> new RefreshOutcome.Refused(invalid.reason().code());
            case RefreshResult.ReuseDetected reuse -> new RefreshOutcome.Refused("refresh_token_reused");
            case RefreshResult.Rotated rotated -> rotated(rotated);
        };
    }

    private RefreshOutcome rotated(RefreshResult.Rotated rotated) {
        Optional<User> user = users.find(rotated.userId());
        boolean sessionGone = rotated.sessionId().isPresent() && sessions.findLive(rotated.sessionId().get()).isEmpty();
        if (user.isEmpty() || sessionGone) {
            // The sign-in this family belongs to has ended: nothing may be renewed from it.
            refresh.revoke(rotated.next().token());
            return new RefreshOutcome.Refused("sign_in_ended");
        }
        IssuedAccessToken access = issuer.issue(user.get(), ring.get().signingKey(), rotated.sessionId().map(UUID::toString),
                familyWithoutSession(rotated.sessionId(), rotated.next()));
        return new RefreshOutcome.Refreshed(new TokenPair(access.token(), secondsUntil(access.expiresAt()), rotated.next().token()));
    }

    /** A sign-in without a session is named by its refresh family alone: the access token carries it for logout. */
    private static Optional<UUID> familyWithoutSession(Optional<UUID> sessionId, IssuedRefreshToken refreshToken) {
        return sessionId.isPresent() ? Optional.empty() : Optional.of(refreshToken.record().familyId());
    }

    /**
     * RFC 7009: an access token is denied until it expires; a refresh token's family is revoked.
     * Unknown or malformed tokens are no error, as the RFC asks.
     *
     * @param token an access token (a JWT) or a refresh token
     */
    public void revoke(String token) {
        if (looksLikeJwt(token)) {
            if (verifier.verify(token) instanceof AccessTokenCheck.Valid valid) {
                revokeAccessToken(valid.claims());
            }
            return;
        }
        refresh.revoke(token);
    }

    /**
     * Logout with an access token ({@code Authorization: Bearer}): the token is denied until it
     * expires, and the sign-in it came from ends with it: its session (the {@code sid} claim, so the
     * browser's cookie of that sign-in stops working too), that session's refresh family, and every
     * other access token bound to the session. A token that is not live (bad, expired, revoked, its
     * sign-in already ended) ends nothing: it proves no hold on a sign-in.
     *
     * <p>A token issued without a session (sessions off) names its refresh family instead
     * ({@code rfam}): the family ends, so no new token can be drawn from that sign-in. Access
     * tokens issued to it earlier are not revoked one by one (no store knows them); they end at
     * their expiry, at most {@code JWT_TTL} later.
     *
     * @param accessToken the access token as presented
     * @return the session that ended, when the token was bound to one
     */
    public Optional<UUID> endSignIn(String accessToken) {
        if (!(verifier.verify(accessToken) instanceof AccessTokenCheck.Valid valid)
                || !(bearer.admit(valid.claims()) instanceof AuthResult.Authenticated caller) || caller.grant().isPresent()) {
            // A client's token is no hold on the user's sign-in: an app ends it through OpenID logout.
            return Optional.empty();
        }
        AccessTokenClaims claims = valid.claims();
        revokeAccessToken(claims);
        Optional<UUID> sessionId = claims.sid().flatMap(TokenAuthority::uuid);
        sessionId.ifPresent(id -> {
            sessions.endOwned(caller.user().id(), id);
            endSession(id);
        });
        if (sessionId.isEmpty()) {
            claims.refreshFamily().ifPresent(refresh::revokeFamily);
        }
        return sessionId;
    }

    private void revokeAccessToken(AccessTokenClaims claims) {
        // Verifiers accept a token up to their leeway past exp: the denial must outlast that too.
        revocations.revokeJti(claims.jti(), claims.expiresAt().plus(AccessTokenVerifier.MAX_LEEWAY));
    }

    /**
     * RFC 7662: whether the token is live, and whose. Revocations and ended sign-ins count.
     *
     * @param token an access token (a JWT) or a refresh token
     * @return whose the token is, or {@link Introspection.Inactive}
     */
    public Introspection introspect(String token) {
        return looksLikeJwt(token) ? introspectAccessToken(token) : introspectRefreshToken(token);
    }

    private Introspection introspectAccessToken(String token) {
        if (!(verifier.verify(token) instanceof AccessTokenCheck.Valid valid)) {
            return new Introspection.Inactive();
        }
        // The same checks the bearer authenticator makes, so introspection never says more than a request would get.
        AccessTokenClaims c = valid.claims();
        return switch (bearer.admit(c)) {
            case AuthResult.Authenticated user -> new Introspection.Active("access_token", c.subjectText(),
                    c.user().flatMap(TokenSubject.User::username), Optional.empty(), c.user().map(u -> u.role().wireName()),
                    c.issuedAt(), Optional.of(c.expiresAt()), Optional.of(c.jti()), c.sid().flatMap(TokenAuthority::uuid), user.grant());
            case AuthResult.ClientAuthenticated client -> new Introspection.Active("access_token", c.subjectText(), Optional.empty(),
                    Optional.empty(), Optional.empty(), c.issuedAt(), Optional.of(c.expiresAt()), Optional.of(c.jti()), Optional.empty(),
                    Optional.of(client.grant()));
            case AuthResult.Anonymous anonymous -> new Introspection.Inactive();
            case AuthResult.Rejected rejected -> new Introspection.Inactive();
        };
    }

    /**
     * A refresh token's introspection; {@link Introspection.Inactive} for anything that is not one.
     *
     * @param token the refresh token as presented
     * @return whose the token is, while it can still be used and its user and session remain
     */
    public Introspection introspectRefreshToken(String token) {
        return refresh.findUsable(token)
                .filter(t -> t.sessionId().map(id -> sessions.findLive(id).isPresent()).orElse(true))
                .<Introspection>flatMap(t -> users.find(t.userId()).map(u -> new Introspection.Active("refresh_token", u.id().toString(),
                        u.username().or(u::email), u.email(), Optional.of(u.role().wireName()), t.issuedAt(), Optional.of(t.expiresAt()),
                        Optional.empty(), t.sessionId(), t.grant())))
                .orElseGet(Introspection.Inactive::new);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Logout of one session: its refresh family ends; its access tokens end with the session (sid).
     *
     * @param sessionId the session that ended
     */
    public void endSession(UUID sessionId) {
        refresh.revokeForSession(sessionId);
    }

    /**
     * Log out everywhere: every refresh token, and every access token issued until now. A password
     * change, a deletion or a demotion does this through {@code AccountService}, built with
     * this method as its {@code UserTokens}.
     *
     * @param userId the user's id
     */
    public void endAllForUser(UUID userId) {
        refresh.revokeAllForUser(userId);
    }

    /**
     * The {@code iss} of the tokens issued here.
     *
     * @return the configured issuer
     */
    public String issuer() {
        return issuer.settings().issuer();
    }

    /**
     * The JWKS document: public keys only.
     *
     * @return the JSON text of the current ring's published keys
     */
    public String jwksJson() {
        return Jwks.json(ring.get());
    }

    /**
     * {@code Cache-Control} for the JWKS, short enough that a new key is fetched before it signs.
     *
     * @return a {@code public, max-age=...} value
     */
    public String jwksCacheControl() {
        return ring.get().policy().jwksCacheControl();
    }

    private long secondsUntil(Instant expiresAt) {
        return Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
    }

    private static boolean looksLikeJwt(String token) {
        return token.indexOf('.') > 0;
    }
}
