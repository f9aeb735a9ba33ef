package dev.gatehouse.http;

import io.javalin.http.Context;

import java.util.Optional;

/**
 * The request a reverse proxy asks about, read from the headers nginx ({@code X-Original-*}) or
 * Traefik and Caddy ({@code X-Forwarded-*}) send. Only ever built for a trusted proxy: from
 * anyone else these headers are the caller's own invention.
 *
 * @param nginx true when the proxy is nginx, whose {@code auth_request} cannot pass a 302 on
 * @param browser true for a page navigation ({@code Accept: text/html}), which is redirected rather than refused
 */
record ForwardedRequest(String method, String scheme, String host, String uri, boolean nginx, boolean browser) {
    static Optional<ForwardedRequest> from(Context ctx) {
        String nginxUri = ctx.header("X-Original-URI");
        String forwardedUri = ctx.header("X-Forwarded-Uri");
        String uri = nginxUri != null ? nginxUri : forwardedUri;
        if (uri == null || uri.isEmpty()) {
            return Optional.empty();
        }
        String method = first(ctx.header("X-Original-Method"), ctx.header("X-Forwarded-Method"), "GET");
        String scheme = first(ctx.header("X-Forwarded-Proto"), null, "http");
        String host = first(ctx.header("X-Forwarded-Host"), ctx.header("Host"), "");
        String accept = ctx.header("Accept");
        boolean browser = accept != null && accept.contains("text/html");
        return Optional.of(new ForwardedRequest(method, scheme, host, uri, nginxUri != null, browser));
    }

    /** The original URL, for the login page to return to. */
    String url() {
        return scheme + "://" + host + uri;
    }

    private static String first(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b != null && !b.isBlank() ? b.trim() : fallback;
    }
}
