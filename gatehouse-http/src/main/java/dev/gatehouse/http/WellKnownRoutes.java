package dev.gatehouse.http;

import dev.gatehouse.core.authn.TokenAuthority;
import dev.gatehouse.core.config.GatehouseConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The public key set and the discovery document resource servers configure themselves from. */
final class WellKnownRoutes {
    private final TokenAuthority tokens;
    private final GatehouseConfig config;

    WellKnownRoutes(TokenAuthority tokens, GatehouseConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    void register(RoutesConfig routes) {
        routes.get("/.well-known/jwks.json", this::jwks);
        routes.get("/.well-known/openid-configuration", this::discovery);
    }

    private void jwks(Context ctx) {
        // Public keys only; cacheable, but not past the time a new key starts to sign.
        ctx.header("Cache-Control", tokens.jwksCacheControl());
        ctx.contentType("application/jwk-set+json").result(tokens.jwksJson());
    }

    private void discovery(Context ctx) {
        String issuer = tokens.issuer();
        String base = BaseUrls.of(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer);
        body.put("jwks_uri", base + "/.well-known/jwks.json");
        body.put("token_endpoint", base + HttpParts.API + "/auth/token");
        body.put("revocation_endpoint", base + HttpParts.API + "/auth/revoke");
        body.put("introspection_endpoint", base + HttpParts.API + "/auth/introspect");
        body.put("grant_types_supported", List.of("refresh_token"));
        body.put("token_endpoint_auth_methods_supported", List.of("none"));
        body.put("id_token_signing_alg_values_supported", List.of(config.tokens().algorithm().jwsName()));
        body.put("token_signing_alg_values_supported", List.of(config.tokens().algorithm().jwsName()));
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.json(body);
    }
}
