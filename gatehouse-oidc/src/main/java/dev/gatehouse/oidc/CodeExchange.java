package dev.gatehouse.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.AMR;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.SessionID;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.gatehouse.core.authn.ClientRefreshToken;
import dev.gatehouse.core.authn.TokenAuthority;
import dev.gatehouse.core.client.AuthorizationCode;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.spi.AuthorizationCodeStore;
import dev.gatehouse.core.spi.TokenHashes;
import dev.gatehouse.core.token.IssuedAccessToken;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserService;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The {@code authorization_code} grant (RFC 6749 section 4.1.3): a code is exchanged once, by the
 * client it was issued to, with the redirect URI it was issued for and, when a challenge was
 * given, the PKCE verifier that hashes to it (RFC 7636). Every refusal is {@code invalid_grant},
 * without saying which check failed. A code presented again is refused and what its first exchange
 * issued is revoked (section 4.1.2), also when the two exchanges race.
 *
 * <p>The answer holds an access token for the user, carrying the client and the granted scopes
 * and bound to the browser session of the sign-in, for the {@code openid} scope an ID token
 * signed with the same keys, and, when {@link #refreshToken} allows, a refresh token bound to the client.
 */
final class CodeExchange {
    static final String OFFLINE_ACCESS = "offline_access";

    private final AuthorizationCodeStore codes;
    private final TokenAuthority tokens;
    private final UserService users;
    private final SessionService sessions;
    private final Clock clock;

    CodeExchange(AuthorizationCodeStore codes, TokenAuthority tokens, UserService users, SessionService sessions, Clock clock) {
        this.codes = codes;
        this.tokens = tokens;
        this.users = users;
        this.sessions = sessions;
        this.clock = clock;
    }

    HTTPResponse exchange(Client client, AuthorizationCodeGrant grant) {
        if (!client.allows(GrantType.AUTHORIZATION_CODE)) {
            return TokenEndpoint.error(OAuth2Error.UNAUTHORIZED_CLIENT, false);
        }
        Instant now = clock.instant();
        String hash = TokenHashes.sha256(grant.getAuthorizationCode().getValue());
        return switch (codes.redeem(hash, now)) {
            case AuthorizationCodeStore.Redemption.Unknown unknown -> refused();
            case AuthorizationCodeStore.Redemption.Again again -> {
                // Only the client the code was issued to: a leaked code must not let any client end another's tokens.
                if (again.code().clientId().equals(client.id())) {
                    revokeIssued(again.code(), client);
                }
                yield refused();
            }
            case AuthorizationCodeStore.Redemption.First first -> first(client, grant, first.code(), now);
        };
    }

    private HTTPResponse first(Client client, AuthorizationCodeGrant grant, AuthorizationCode code, Instant now) {
        if (!code.clientId().equals(client.id()) || !code.isLiveAt(now) || grant.getRedirectionURI() == null
                || !code.redirectUri().equals(grant.getRedirectionURI().toString()) || !pkceHolds(code, grant)) {
            return refused();
        }
        Optional<User> user = users.find(code.userId());
        Optional<Session> session = sessions.findLive(code.sessionId());
        if (user.isEmpty() || session.isEmpty()) {
            // The user signed out (or was deleted) between the redirect and the exchange.
            return refused();
        }
        ClientGrant granted = new ClientGrant(client.id(), code.scopes());
        IssuedAccessToken access = tokens.issueForClient(user.get(), granted, code.sessionId(), client.accessTokenTtl(), client.firstParty());
        Optional<ClientRefreshToken> refresh = refreshToken(client, granted, user.get(), code);
        if (codes.recordIssued(code.codeHash(), refresh.map(ClientRefreshToken::familyId).orElse(null), access.jti())) {
            // A second exchange came while this one issued: it found nothing to revoke, so this one does.
            tokens.revokeAccessTokenId(access.jti(), access.expiresAt());
            refresh.ifPresent(family -> tokens.endRefreshFamily(family.familyId()));
            return refused();
        }
        if (client.backchannelLogoutUri().isPresent()) {
            try {
                // Remembered so that the client is told when this session ends (back-channel logout).
                sessions.recordClient(session.get(), client.id());
            } catch (IllegalStateException deletedMeanwhile) {
                // The client was deleted during the exchange: its tokens are refused from now on anyway.
                return refused();
            }
        }
        long lifetime = Math.max(0, Duration.between(now, access.expiresAt()).toSeconds());
        BearerAccessToken accessToken = new BearerAccessToken(access.token(), lifetime, Scope.parse(granted.scopeText()));
        RefreshToken refreshToken = refresh.map(r -> new RefreshToken(r.token())).orElse(null);
        if (!granted.has("openid")) {
            return new AccessTokenResponse(new Tokens(accessToken, refreshToken)).toHTTPResponse();
        }
        String idToken = idToken(client, code, user.get(), accessToken, now);
        return new OIDCTokenResponse(new OIDCTokens(idToken, accessToken, refreshToken)).toHTTPResponse();
    }

    /**
     * A refresh token comes only to a client registered for the {@code refresh_token} grant, and
     * then for {@code offline_access} (a family that outlives the browser session: the user asked
     * the app to keep access while they are away) or to a first-party client (a family that ends
     * with the session, like Gatehouse's own sign-in). A third-party client without
     * {@code offline_access} gets none: its access ends with the access token.
     */
    private Optional<ClientRefreshToken> refreshToken(Client client, ClientGrant granted, User user, AuthorizationCode code) {
        if (!client.allows(GrantType.REFRESH_TOKEN)) {
            return Optional.empty();
        }
        if (granted.has(OFFLINE_ACCESS)) {
            return Optional.of(tokens.issueClientRefreshToken(user, granted, Optional.empty(), client.refreshTokenTtl()));
        }
        return client.firstParty()
                ? Optional.of(tokens.issueClientRefreshToken(user, granted, Optional.of(code.sessionId()), client.refreshTokenTtl()))
                : Optional.empty();
    }

    /**
     * RFC 7636 section 4.6 for a code issued with a challenge; a verifier sent for a code issued
     * without one is refused too (RFC 9700 section 4.8.2: a client that sends one expected PKCE,
     * and an attacker who injected a code of a flow without it would otherwise pass).
     */
    private static boolean pkceHolds(AuthorizationCode code, AuthorizationCodeGrant grant) {
        if (code.codeChallenge().isEmpty()) {
            return grant.getCodeVerifier() == null;
        }
        if (grant.getCodeVerifier() == null) {
            return false;
        }
        String computed = CodeChallenge.compute(CodeChallengeMethod.S256, grant.getCodeVerifier()).getValue();
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                code.codeChallenge().get().getBytes(StandardCharsets.US_ASCII));
    }

    private void revokeIssued(AuthorizationCode code, Client client) {
        Duration longest = client.accessTokenTtl().orElse(Client.MAX_TTL);
        code.issuedAccessTokenId().ifPresent(jti -> tokens.revokeAccessTokenId(jti, code.redeemedAt().orElse(code.issuedAt()).plus(longest)));
        code.issuedFamilyId().ifPresent(tokens::endRefreshFamily);
    }

    private String idToken(Client client, AuthorizationCode code, User user, BearerAccessToken accessToken, Instant now) {
        Instant expires = now.plus(client.accessTokenTtl().orElse(Duration.ofMinutes(5)));
        IDTokenClaimsSet claims = new IDTokenClaimsSet(new Issuer(tokens.openIdTokens().issuer()), new Subject(user.id().toString()),
                Audience.create(client.id()), Date.from(expires), Date.from(now));
        claims.setAuthenticationTime(Date.from(code.authTime()));
        code.nonce().ifPresent(nonce -> claims.setNonce(new Nonce(nonce)));
        claims.setSessionID(new SessionID(code.sessionId().toString()));
        claims.setAMR(List.of(AMR.PWD));
        SigningAlgorithm algorithm = tokens.openIdTokens().algorithm();
        claims.setAccessTokenHash(AccessTokenHash.compute(accessToken, algorithm.jws(),
                algorithm == SigningAlgorithm.EDDSA ? Curve.Ed25519 : null));
        UserClaims.of(user, code.scopes()).forEach(claims::setClaim);
        try {
            JWTClaimsSet jwtClaims = claims.toJWTClaimsSet();
            return tokens.openIdTokens().sign(jwtClaims, JOSEObjectType.JWT);
        } catch (ParseException e) {
            throw new IllegalStateException("the ID token's claims are well formed", e);
        }
    }

    private static HTTPResponse refused() {
        return TokenEndpoint.error(invalidGrant(), false);
    }

    private static ErrorObject invalidGrant() {
        return OAuth2Error.INVALID_GRANT.setDescription("the code is invalid, expired, used, or was issued to another client or redirect URI");
    }
}
