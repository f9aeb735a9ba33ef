package dev.gatehouse.http;

import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.user.UserService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Map;

/** Liveness, statistics and the two fixed-answer endpoints existing clients call. */
final class SystemRoutes {
    private final HttpParts parts;
    private final UserService users;
    private final SessionService sessions;
    private final RouteStatistics statistics;

    SystemRoutes(HttpParts parts, UserService users, SessionService sessions, RouteStatistics statistics) {
        this.parts = parts;
        this.users = users;
        this.sessions = sessions;
        this.statistics = statistics;
    }

    void register(RoutesConfig routes) {
        routes.get(HttpParts.API + "/status", ctx -> ctx.json(Map.of("status", "OK")));
        routes.get(HttpParts.API + "/stats", this::stats);
        routes.get(HttpParts.API + "/unauthorized", ctx -> {
            throw parts.challenges().unauthorized(ProblemCode.UNAUTHORIZED, "this endpoint always answers 401");
        });
        routes.get(HttpParts.API + "/forbidden", ctx -> {
            throw ApiProblem.forbidden("this endpoint always answers 403");
        });
    }

    /** Counts of users and live sessions and per-route traffic: operational data, so admins only. */
    private void stats(Context ctx) {
        parts.guard().requireAdmin(ctx);
        ctx.json(new Stats(users.count(), sessions.countLive(), statistics.requestCounts()));
    }

    record Stats(long users, long sessions, Map<String, Long> requests) {
    }
}
