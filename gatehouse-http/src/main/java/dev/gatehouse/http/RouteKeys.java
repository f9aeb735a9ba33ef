package dev.gatehouse.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/** Names the route a request matched, for statistics: method and pattern, not the concrete path. */
final class RouteKeys {
    private RouteKeys() {
    }

    static String of(Context ctx) {
        // Only an HTTP endpoint names a route: the last endpoint run may be a before-handler
        // (such as the one on /api/v1/*), which would file every unmatched path under its pattern.
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        String pattern = endpoint == null ? "" : endpoint.path;
        return pattern.isEmpty() ? RouteStatistics.UNMATCHED : ctx.method().name() + " " + pattern;
    }
}
