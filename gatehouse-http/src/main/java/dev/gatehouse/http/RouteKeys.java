package dev.gatehouse.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/** Names the route a request matched, for statistics: method and pattern, not the concrete path. */
final class RouteKeys {
    private RouteKeys() {
    }

    static String of(Context ctx) {
        String pattern;
        try {
            Endpoint endpoint = ctx.endpoint();
            pattern = endpoint.path;
        } catch (RuntimeException noEndpoint) {
            pattern = "";
        }
        return pattern.isEmpty() ? RouteStatistics.UNMATCHED : ctx.method().name() + " " + pattern;
    }
}
