package dev.gatehouse.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;

/**
 * Cross-origin access for a single-page app that signs its users in with Gatehouse: its code
 * exchange and refresh ({@code /token}), {@code /userinfo}, discovery and the keys are answered
 * with {@code Access-Control-Allow-Origin: *}. Any origin is safe here because none of these uses
 * a cookie or other ambient credential: the client proves itself with PKCE or its secret, and
 * userinfo with the Bearer token the app sends, so a page on another site can learn nothing a
 * server of its own could not. Credentials are never allowed, so a browser sends no cookie with
 * these calls. Every other path stays closed to other origins.
 */
final class OpenIdCors {
    private static final List<String> PATHS = List.of(OpenIdTokenRoutes.PATH, OpenIdUserInfoRoutes.PATH,
            WellKnownRoutes.OPENID_METADATA, "/.well-known/jwks.json");

    private OpenIdCors() {
    }

    static void register(RoutesConfig routes) {
        for (String path : PATHS) {
            routes.before(path, OpenIdCors::allowAnyOrigin);
            routes.options(path, OpenIdCors::preflight);
        }
    }

    private static void allowAnyOrigin(Context ctx) {
        if (ctx.header("Origin") != null) {
            ctx.header("Access-Control-Allow-Origin", "*");
        }
    }

    /** The preflight of a POST with a Bearer token or of a GET with one: methods and headers these endpoints read. */
    private static void preflight(Context ctx) {
        ctx.header("Access-Control-Allow-Methods", "GET, POST");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }
}
