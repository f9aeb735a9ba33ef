package dev.gatehouse.http;

import dev.gatehouse.core.authn.Introspection;
import dev.gatehouse.core.authn.RefreshOutcome;
import dev.gatehouse.core.authn.TokenAuthority;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth 2 token endpoints: refresh (RFC 6749 section 6), revocation (RFC 7009) and
 * introspection (RFC 7662). Bodies may be forms, as the RFCs have them, or JSON.
 */
final class TokenRoutes {
    private final HttpParts parts;
    private final TokenAuthority tokens;

    TokenRoutes(HttpParts parts, TokenAuthority tokens) {
        this.parts = parts;
        this.tokens = tokens;
    }

    void register(RoutesConfig routes) {
        routes.post(HttpParts.API + "/auth/token", this::token);
        routes.post(HttpParts.API + "/auth/revoke", this::revoke);
        routes.post(HttpParts.API + "/auth/introspect", this::introspect);
    }

    private void token(Context ctx) {
        RequestFields fields = parts.bodies().read(ctx);
        String grantType = fields.required("grant_type");
        if (!grantType.equals("refresh_token")) {
            throw ApiProblem.badRequest("unsupported_grant_type", "only grant_type=refresh_token is supported here; sign in at /api/v1/auth/login");
        }
        String refreshToken = fields.required("refresh_token");
        switch (tokens.refresh(refreshToken)) {
            case RefreshOutcome.Refreshed refreshed -> ctx.json(TokenResponse.of(refreshed.tokens()));
            // One answer for every refusal (RFC 6749 section 5.2): which one it was is for the server's log.
            case RefreshOutcome.Refused refused -> throw ApiProblem.badRequest("invalid_grant", "the refresh token is invalid, expired or revoked");
        }
    }

    /** RFC 7009: always 200, whether the token was known or not, so revocation reveals nothing. */
    private void revoke(Context ctx) {
        RequestFields fields = parts.bodies().read(ctx);
        tokens.revoke(fields.required("token"));
        ctx.status(200);
    }

    /**
     * RFC 7662 is for resource servers that hold credentials: here, an authenticated admin.
     * An inactive token gets {@code {"active": false}} and nothing else.
     */
    private void introspect(Context ctx) {
        parts.guard().requireAdmin(ctx);
        RequestFields fields = parts.bodies().read(ctx);
        ctx.json(switch (tokens.introspect(fields.required("token"))) {
            case Introspection.Inactive inactive -> Map.of("active", false);
            case Introspection.Active active -> describe(active);
        });
    }

    private static Map<String, Object> describe(Introspection.Active active) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("token_type", active.tokenType());
        body.put("sub", active.subject().toString());
        active.username().ifPresent(u -> body.put("username", u));
        active.role().ifPresent(r -> body.put("role", r));
        body.put("iat", active.issuedAt().getEpochSecond());
        body.put("exp", active.expiresAt().getEpochSecond());
        active.jti().ifPresent(j -> body.put("jti", j));
        return body;
    }
}
