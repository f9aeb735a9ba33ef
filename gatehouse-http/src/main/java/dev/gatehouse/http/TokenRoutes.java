package dev.gatehouse.http;

import dev.gatehouse.core.authn.RefreshOutcome;
import dev.gatehouse.core.authn.TokenAuthority;
import dev.gatehouse.core.problem.ProblemCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;


/**
 * The OAuth 2 token endpoints: refresh (RFC 6749 section 6) and revocation (RFC 7009);
 * introspection is {@link IntrospectionRoutes}. Bodies may be forms, as the RFCs have them, or JSON.
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
    }

    private void token(Context ctx) {
        RequestFields fields = parts.bodies().read(ctx);
        String grantType = fields.required("grant_type");
        if (!grantType.equals("refresh_token")) {
            throw new ApiProblem(ProblemCode.UNSUPPORTED_GRANT_TYPE, "only grant_type=refresh_token is supported here; sign in at /api/v1/auth/login");
        }
        String refreshToken = fields.required("refresh_token");
        switch (tokens.refresh(refreshToken)) {
            case RefreshOutcome.Refreshed refreshed -> ctx.json(TokenResponse.of(refreshed.tokens()));
            // One answer for every refusal (RFC 6749 section 5.2): which one it was is for the server's log.
            case RefreshOutcome.Refused refused -> throw new ApiProblem(ProblemCode.INVALID_GRANT, "the refresh token is invalid, expired or revoked");
        }
    }

    /** RFC 7009: always 200, whether the token was known or not, so revocation reveals nothing. */
    private void revoke(Context ctx) {
        RequestFields fields = parts.bodies().read(ctx);
        tokens.revoke(fields.required("token"));
        ctx.status(200);
    }
}
