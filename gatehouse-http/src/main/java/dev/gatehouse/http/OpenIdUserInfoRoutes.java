package dev.gatehouse.http;

import dev.gatehouse.core.authn.AuthResult;
import dev.gatehouse.core.authn.BearerAuthenticator;
import dev.gatehouse.core.authn.Credential;
import dev.gatehouse.oidc.UserInfoEndpoint;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|POST /userinfo}: the access token in {@code Authorization: Bearer} only (the header of
 * RFC 6750 section 2.1; a token in a query string ends up in logs), refusals as RFC 6750 section 3
 * says: 401 with {@code error="invalid_token"} for a token that does not verify or is no longer
 * live, 403 with {@code error="insufficient_scope"} for one not issued to a client with {@code openid}.
 */
final class OpenIdUserInfoRoutes {
    static final String PATH = "/userinfo";

    private final HttpParts parts;
    private final BearerAuthenticator bearer;
    private final UserInfoEndpoint endpoint;

    OpenIdUserInfoRoutes(HttpParts parts, BearerAuthenticator bearer, UserInfoEndpoint endpoint) {
        this.parts = parts;
        this.bearer = bearer;
        this.endpoint = endpoint;
    }

    void register(RoutesConfig routes) {
        routes.get(PATH, this::userInfo);
        routes.post(PATH, this::userInfo);
    }

    private void userInfo(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Optional<Credential> credential;
        try {
            credential = ctx.header("Authorization") == null ? Optional.empty() : parts.credentials().read(ctx);
        } catch (ApiProblem malformed) {
            refuse(ctx, 401, "invalid_request", "the Authorization header is malformed");
            return;
        }
        if (credential.isEmpty() || !(credential.get() instanceof Credential.Bearer token)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"gatehouse\"");
            ctx.status(401).json(Map.of("error", "invalid_request", "error_description", "send the access token as a Bearer token"));
            return;
        }
        AuthResult caller = bearer.authenticate(token.token());
        if (caller instanceof AuthResult.Rejected) {
            refuse(ctx, 401, "invalid_token", "the access token is invalid, expired or revoked");
            return;
        }
        switch (endpoint.answer(caller)) {
            case UserInfoEndpoint.Answer.Claims claims -> ctx.json(claims.claims());
            case UserInfoEndpoint.Answer.InsufficientScope insufficient ->
                    refuse(ctx, 403, "insufficient_scope", "the access token was not issued to a client with the openid scope");
        }
    }

    private static void refuse(Context ctx, int status, String error, String description) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"gatehouse\", error=\"" + error + "\", error_description=\"" + description + "\"");
        ctx.status(status).json(Map.of("error", error, "error_description", description));
    }
}
