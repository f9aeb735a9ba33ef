package dev.gatehouse.http;

import dev.gatehouse.core.authn.TokenAuthority;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public key set, and the OAuth 2.0 authorization server metadata (RFC 8414) resource servers
 * and clients configure themselves from.
 *
 * <p>No {@code /.well-known/openid-configuration}: OpenID Connect Discovery 1.0 requires an
 * authorization endpoint, response and subject types and ID token algorithms, and Gatehouse
 * has no authorization endpoint and issues no ID tokens yet. A document that claims them would
 * send relying parties to endpoints that do not exist; the path answers 404 until they do.
 * Every URL comes from the configured public URL, never from the request (see {@link PublicUrl}).
 */
final class WellKnownRoutes {
    static final String METADATA = "/.well-known/oauth-authorization-server";

    private final TokenAuthority tokens;
    private final PublicUrl publicUrl;

    WellKnownRoutes(TokenAuthority tokens, PublicUrl publicUrl) {
        this.tokens = tokens;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig routes) {
        routes.get("/.well-known/jwks.json", this::jwks);
        routes.get(METADATA, this::metadata);
        // RFC 8414 section 3.1: an issuer with a path has its metadata at the well-known path followed by that path.
        issuerPath(tokens.issuer()).ifPresent(path -> routes.get(METADATA + path, this::metadata));
    }

    private void jwks(Context ctx) {
        // Public keys only; cacheable, but not past the time a new key starts to sign.
        ctx.header("Cache-Control", tokens.jwksCacheControl());
        ctx.contentType("application/jwk-set+json").result(tokens.jwksJson());
    }

    /**
     * Only what is served today, each field as RFC 8414 section 2 defines it. Left out:
     * {@code authorization_endpoint} (none exists; the RFC requires it only for grant types that
     * use one) and {@code response_types_supported} (no response type exists, and section 3.2
     * forbids empty arrays; RFC errata 7793 makes it optional in that case).
     */
    private void metadata(Context ctx) {
        PublicUrl base = PublicUrls.of(publicUrl, ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", tokens.issuer());
        body.put("token_endpoint", base.resolve(HttpParts.API + "/auth/token"));
        body.put("jwks_uri", base.resolve("/.well-known/jwks.json"));
        body.put("grant_types_supported", List.of("refresh_token"));
        // Public clients: the refresh token is the only credential of a refresh or a revocation.
        body.put("token_endpoint_auth_methods_supported", List.of("none"));
        body.put("revocation_endpoint", base.resolve(HttpParts.API + "/auth/revoke"));
        body.put("revocation_endpoint_auth_methods_supported", List.of("none"));
        // Its callers authenticate with GATEHOUSE_INTROSPECTION_SECRET as a Bearer token or as an admin:
        // neither is a client authentication method of the registry, so none is listed.
        body.put("introspection_endpoint", base.resolve(HttpParts.API + "/auth/introspect"));
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.json(body);
    }

    private static Optional<String> issuerPath(String issuer) {
        try {
            URI uri = new URI(issuer);
            String path = uri.getRawPath();
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            // Only plain segments: anything else would be read as a route pattern.
            return web && path != null && path.length() > 1 && path.matches("[A-Za-z0-9._~/-]+") ? Optional.of(path.endsWith("/") ? path.substring(0, path.length() - 1) : path)
                    : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
