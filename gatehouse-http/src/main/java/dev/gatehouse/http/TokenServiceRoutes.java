package dev.gatehouse.http;

import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.core.token.DataTokenService;
import dev.gatehouse.core.token.DataTokenVerification;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The data token service: {@code POST /api/v1/tokens} wraps data in an HS512 JWT,
 * {@code POST /api/v1/tokens/verify} decodes one and says whether its signature holds.
 *
 * <p>Both are public, as clients expect. Creating is harmless to Gatehouse: these tokens have a key
 * of their own and no subject, so they are never accepted as credentials; whoever relies on one
 * learns only that this server signed the data, not who asked it to. Verifying reveals nothing
 * the token does not already hold.
 */
final class TokenServiceRoutes {
    static final String TOKENS = HttpParts.API + "/tokens";

    private final HttpParts parts;
    private final DataTokenService tokens;

    TokenServiceRoutes(HttpParts parts, DataTokenService tokens) {
        this.parts = parts;
        this.tokens = tokens;
    }

    void register(RoutesConfig routes) {
        routes.post(TOKENS, this::create);
        routes.post(TOKENS + "/verify", this::verify);
        // Existing clients send the JSON body with GET; accepted for compatibility with them.
        routes.get(TOKENS + "/verify", this::verify);
    }

    private void create(Context ctx) {
        RequestFields fields = parts.bodies().readJson(ctx);
        // Any string is data, the empty one included; only its absence is an error.
        String data = fields.optional("user_data")
                .orElseThrow(() -> new ApiProblem(ProblemCode.MISSING_FIELD, "field 'user_data' is required"));
        ctx.json(Map.of("token", tokens.create(data)));
    }

    private void verify(Context ctx) {
        RequestFields fields = parts.bodies().readJson(ctx);
        String token = either(fields, "token", "Token").filter(t -> !t.isBlank())
                .orElseThrow(() -> new ApiProblem(ProblemCode.MISSING_TOKEN, "field 'token' is required"));
        Optional<String> key = either(fields, "signing_key", "Signing_key");
        switch (tokens.verify(token, key)) {
            case DataTokenVerification.Malformed m -> throw new ApiProblem(ProblemCode.MALFORMED_TOKEN, m.detail());
            case DataTokenVerification.Decoded d -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("header", d.header());
                body.put("claims", d.claims());
                body.put("signature_verified", d.signatureVerified());
                d.reason().ifPresent(reason -> body.put("reason", reason.code()));
                ctx.json(body);
            }
        }
    }

    /** The field under its API name, else under its capitalised name, accepted for compatibility. */
    private static Optional<String> either(RequestFields fields, String name, String compatibilityName) {
        return fields.optional(name).or(() -> fields.optional(compatibilityName));
    }
}
