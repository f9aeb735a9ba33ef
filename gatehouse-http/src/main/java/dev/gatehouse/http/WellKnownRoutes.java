package dev.gatehouse.http;

import dev.gatehouse.core.authn.TokenAuthority;
import dev.gatehouse.oidc.TokenEndpoint;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public key set, and the OAuth 2.0 authorization server metadata (RFC 8414) resource servers
 * and clients configure themselves from.
 *
 * <p>{@code /.well-known/openid-configuration} (OpenID Connect Discovery 1.0) describes the OpenID
 * provider: only what it serves, each list exactly what the endpoints accept. When the provider
 * exists, the RFC 8414 document is the same document. Without it (no tokens, or an HMAC key), the
 * RFC 8414 document describes Gatehouse's own token API. Every URL comes from the configured public
 * URL, never from the request (see {@link PublicUrl}).
 */
final class WellKnownRoutes {
    static final String METADATA = "/.well-known/oauth-authorization-server";
    static final String OPENID_METADATA = "/.well-known/openid-configuration";

    private final TokenAuthority tokens;
    private final PublicUrl publicUrl;
    private final boolean openIdProvider;
    private final boolean clientRegistration;

    WellKnownRoutes(TokenAuthority tokens, PublicUrl publicUrl, boolean openIdProvider, boolean clientRegistration) {
        this.tokens = tokens;
        this.publicUrl = publicUrl;
        this.openIdProvider = openIdProvider;
        this.clientRegistration = clientRegistration;
    }

    void register(RoutesConfig routes) {
        routes.get("/.well-known/jwks.json", this::jwks);
        Optional<String> issuerPath = issuerPath(tokens.issuer());
        // With the OpenID provider there is one authorization server, described once: a client that
        // reads RFC 8414's document and one that reads OpenID's must find the same endpoints.
        Handler authorizationServer = openIdProvider ? this::openIdMetadata : this::metadata;
        routes.get(METADATA, authorizationServer);
        // RFC 8414 section 3.1: an issuer with a path has its metadata at the well-known path followed by that path.
        issuerPath.ifPresent(path -> routes.get(METADATA + path, authorizationServer));
        if (openIdProvider) {
            routes.get(OPENID_METADATA, this::openIdMetadata);
            issuerPath.ifPresent(path -> {
                // OpenID Connect Discovery 1.0 section 4 appends the well-known path to the issuer's;
                // RFC 8414 section 5 also allows it inserted, as for its own document.
                routes.get(path + OPENID_METADATA, this::openIdMetadata);
                routes.get(OPENID_METADATA + path, this::openIdMetadata);
            });
        }
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

    /** OpenID Connect Discovery 1.0 section 3, with RFC 8414's and RFC 9207's fields for what is served. */
    private void openIdMetadata(Context ctx) {
        PublicUrl base = PublicUrls.of(publicUrl, ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", tokens.issuer());
        body.put("authorization_endpoint", base.resolve(OpenIdAuthorizeRoutes.PATH));
        body.put("token_endpoint", base.resolve(OpenIdTokenRoutes.PATH));
        body.put("userinfo_endpoint", base.resolve(OpenIdUserInfoRoutes.PATH));
        body.put("end_session_endpoint", base.resolve(OpenIdLogoutRoutes.PATH));
        // Back-Channel Logout 1.0 section 2.1: every logout token carries sid (and sub).
        body.put("backchannel_logout_supported", true);
        body.put("backchannel_logout_session_supported", true);
        body.put("jwks_uri", base.resolve("/.well-known/jwks.json"));
        if (clientRegistration) {
            body.put("registration_endpoint", base.resolve(OpenIdRegistrationRoutes.PATH));
        }
        body.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        body.put("response_types_supported", List.of("code"));
        body.put("response_modes_supported", List.of("query"));
        body.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        body.put("subject_types_supported", List.of("public"));
        body.put("id_token_signing_alg_values_supported", List.of(tokens.openIdTokens().algorithm().jwsName()));
        body.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"));
        body.put("token_endpoint_auth_signing_alg_values_supported", TokenEndpoint.CLIENT_ASSERTION_ALGORITHMS);
        body.put("code_challenge_methods_supported", List.of("S256"));
        body.put("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
        body.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "sid", "amr", "at_hash", "name",
                "given_name", "family_name", "preferred_username", "updated_at", "email", "email_verified"));
        body.put("authorization_response_iss_parameter_supported", true);
        body.put("request_parameter_supported", false);
        body.put("request_uri_parameter_supported", false);
        body.put("claims_parameter_supported", false);
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
