package dev.gatehouse.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;
import dev.gatehouse.core.authn.ClientRefresh;
import dev.gatehouse.core.authn.TokenAuthority;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.spi.AuthorizationCodeStore;
import dev.gatehouse.core.spi.UsedAssertionStore;
import dev.gatehouse.core.token.IssuedAccessToken;
import dev.gatehouse.core.user.UserService;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 token endpoint (RFC 6749 section 3.2) of the OpenID provider: authenticates the
 * client ({@link ClientAuthenticator}), then runs its grant. Requests are read and answers written
 * by the Nimbus OAuth 2.0 SDK, so that every error is the one RFC 6749 section 5.2 names, with
 * {@code Cache-Control: no-store}. Thread-safe.
 *
 * <p>The HTTP edge hands over a request whose form it has already read strictly (no parameter
 * twice, UTF-8, a bounded size), so that this endpoint and the SDK see one reading of it.
 */
public final class TokenEndpoint {
    /** Scopes that only mean something for a user; a client acting as itself is never given them. */
    private static final Set<String> USER_SCOPES = Set.of("openid", "offline_access", "profile", "email");

    /** The JWS algorithms a client may sign its assertions with ({@code private_key_jwt}), by name. */
    public static final List<String> CLIENT_ASSERTION_ALGORITHMS = ClientAssertions.ALGORITHMS.stream().map(JWSAlgorithm::getName).sorted().toList();

    private final ClientAuthenticator authenticator;
    private final TokenAuthority tokens;
    private final CodeExchange codes;
    private final Clock clock;

    /**
     * An endpoint over the registered clients and the server's tokens.
     *
     * @param clients  authenticates the clients that call
     * @param tokens   signs the tokens it issues
     * @param codes    the authorization codes issued, redeemed here
     * @param users    finds the user a code was issued for
     * @param sessions finds the browser session a code was issued in
     * @param usedAssertions the client assertions already used, each good once
     * @param clock    the time token lifetimes are counted from
     */
    public TokenEndpoint(ClientRegistry clients, TokenAuthority tokens, AuthorizationCodeStore codes, UserService users,
                         SessionService sessions, UsedAssertionStore usedAssertions, Clock clock) {
        this.authenticator = new ClientAuthenticator(Objects.requireNonNull(clients, "clients"),
                new ClientAssertions(clients, Objects.requireNonNull(usedAssertions, "usedAssertions"), tokens.openIdTokens().issuer(), clock));
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.codes = new CodeExchange(Objects.requireNonNull(codes, "codes"), tokens, Objects.requireNonNull(users, "users"),
                Objects.requireNonNull(sessions, "sessions"), clock);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Answers a token request.
     *
     * @param request a POST with a form body, as received
     * @return the token response or the error response, ready to send
     */
    public HTTPResponse handle(HTTPRequest request) {
        TokenRequest tokenRequest;
        try {
            tokenRequest = TokenRequest.parse(request);
        } catch (ParseException e) {
            if (hasUnreadableAssertion(formParameters(request))) {
                // RFC 7523 section 3.2: a client JWT that is not valid is invalid_client, whatever is wrong with it.
                return error(OAuth2Error.INVALID_CLIENT.setDescription("client authentication failed"), false);
            }
            return error(Optional.ofNullable(e.getErrorObject()).orElse(OAuth2Error.INVALID_REQUEST), false);
        }
        Map<String, List<String>> form = formParameters(request);
        ClientCheck check = authenticator.check(tokenRequest, Optional.ofNullable(MultivaluedMapUtils.getFirstValue(form, "client_id")),
                Optional.ofNullable(request.getAuthorization()));
        return switch (check) {
            case ClientCheck.Refused refused -> error(refused.error(), refused.usedBasic());
            case ClientCheck.Known known -> grant(known.client(), tokenRequest, form);
        };
    }

    private static boolean hasUnreadableAssertion(Map<String, List<String>> form) {
        if (!form.containsKey("client_assertion")) {
            return false;
        }
        try {
            PrivateKeyJWT.parse(form);
            return false;
        } catch (ParseException e) {
            return true;
        }
    }

    private HTTPResponse grant(Client client, TokenRequest request, Map<String, List<String>> form) {
        com.nimbusds.oauth2.sdk.GrantType type = request.getAuthorizationGrant().getType();
        if (type.equals(com.nimbusds.oauth2.sdk.GrantType.CLIENT_CREDENTIALS)) {
            return clientCredentials(client, MultivaluedMapUtils.getFirstValue(form, "scope"));
        }
        if (request.getAuthorizationGrant() instanceof AuthorizationCodeGrant code) {
            return codes.exchange(client, code);
        }
        if (request.getAuthorizationGrant() instanceof RefreshTokenGrant refresh) {
            return refresh(client, refresh.getRefreshToken().getValue(), MultivaluedMapUtils.getFirstValue(form, "scope"));
        }
        return error(OAuth2Error.UNSUPPORTED_GRANT_TYPE, false);
    }

    /**
     * RFC 6749 section 4.4: the client acts as itself. Without {@code scope} it gets every scope
     * registered to it (section 3.3's documented default); a scope it is not registered for, or one
     * that only means something for a user, is {@code invalid_scope}, never silently dropped.
     */
    private HTTPResponse clientCredentials(Client client, String scopeParameter) {
        if (!client.allows(GrantType.CLIENT_CREDENTIALS)) {
            return error(OAuth2Error.UNAUTHORIZED_CLIENT.setDescription("the client may not use client_credentials"), false);
        }
        Set<String> registered = client.scopes().stream().filter(scope -> !USER_SCOPES.contains(scope))
                .collect(Collectors.toUnmodifiableSet());
        Set<String> scopes;
        if (scopeParameter == null) {
            scopes = registered;
        } else {
            Optional<Set<String>> requested = ClientGrant.parseScopes(scopeParameter);
            if (requested.isEmpty() || !registered.containsAll(requested.get())) {
                return error(OAuth2Error.INVALID_SCOPE.setDescription("a scope is malformed or not registered to the client"), false);
            }
            scopes = requested.get();
        }
        ClientGrant grant = new ClientGrant(client.id(), scopes);
        IssuedAccessToken issued = tokens.issueForClient(grant, client.accessTokenTtl());
        long lifetime = Math.max(0, Duration.between(clock.instant(), issued.expiresAt()).toSeconds());
        BearerAccessToken accessToken = new BearerAccessToken(issued.token(), lifetime,
                scopes.isEmpty() ? null : Scope.parse(grant.scopeText()));
        return new AccessTokenResponse(new Tokens(accessToken, null)).toHTTPResponse();
    }

    /**
     * RFC 6749 section 6: the client's own family, rotated with reuse detection. {@code scope} may
     * narrow what the new access token carries, never widen it ({@code invalid_scope}); without it
     * the token carries what the family was granted.
     */
    private HTTPResponse refresh(Client client, String refreshToken, String scopeParameter) {
        if (!client.allows(GrantType.REFRESH_TOKEN)) {
            return error(OAuth2Error.UNAUTHORIZED_CLIENT.setDescription("the client may not use refresh_token"), false);
        }
        Optional<Set<String>> requested = Optional.empty();
        if (scopeParameter != null) {
            requested = ClientGrant.parseScopes(scopeParameter);
            if (requested.isEmpty()) {
                return error(OAuth2Error.INVALID_SCOPE.setDescription("scope is malformed"), false);
            }
        }
        return switch (tokens.refreshForClient(refreshToken, client, requested, client.accessTokenTtl())) {
            case ClientRefresh.InvalidGrant invalid ->
                    error(OAuth2Error.INVALID_GRANT.setDescription("the refresh token is invalid, expired, used or another client's"), false);
            case ClientRefresh.InvalidScope invalid ->
                    error(OAuth2Error.INVALID_SCOPE.setDescription("a scope the refresh token was not granted"), false);
            case ClientRefresh.Refreshed refreshed -> {
                long lifetime = Math.max(0, Duration.between(clock.instant(), refreshed.accessToken().expiresAt()).toSeconds());
                BearerAccessToken accessToken = new BearerAccessToken(refreshed.accessToken().token(), lifetime,
                        refreshed.granted().scopes().isEmpty() ? null : Scope.parse(refreshed.granted().scopeText()));
                yield new AccessTokenResponse(new Tokens(accessToken, new RefreshToken(refreshed.refreshToken()))).toHTTPResponse();
            }
        };
    }

    private static Map<String, List<String>> formParameters(HTTPRequest request) {
        try {
            return request.getBodyAsFormParameters();
        } catch (ParseException e) {
            // TokenRequest.parse has read the same body already.
            return Map.of();
        }
    }

    /** RFC 6749 section 5.2: 401 with a challenge for the scheme the client used; 400 for everything else. */
    static HTTPResponse error(ErrorObject error, boolean usedBasic) {
        // The SDK's invalid_client carries 401, every other error 400.
        HTTPResponse response = new TokenErrorResponse(error).toHTTPResponse();
        if (usedBasic && response.getStatusCode() == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"gatehouse\", charset=\"UTF-8\"");
        }
        return response;
    }
}
