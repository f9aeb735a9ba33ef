package dev.gatehouse.http;

import dev.gatehouse.core.problem.ProblemCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;

/**
 * Keeps every request to the method it was sent with. Requests that name another method are
 * refused: Javalin routes by {@code X-HTTP-Method-Override} ({@code Context.method()}), and
 * method-override middleware in an
 * app behind a proxy does the same with {@code X-HTTP-Method} and {@code X-Method-Override}: a GET
 * that the rules, a cache or a CSRF check took for a read would run as a DELETE. No client of
 * Gatehouse needs them, so they are refused outright (400), never honoured.
 *
 * <p>A {@code HEAD} is answered 405 except where a route serves HEAD itself: Javalin answers a HEAD
 * on a GET route with an empty 200 without running the GET handler, so the handler's
 * authentication never ran and {@code HEAD /api/v1/users/me} said 200 to anyone.
 */
final class RequestMethods {
    /** The headers that method-override middleware (Express, Symfony, Javalin and others) honours. */
    static final List<String> OVERRIDE_HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    private final String headPath;

    /** @param headPath the one route that serves HEAD itself and judges override headers in its own terms */
    RequestMethods(String headPath) {
        this.headPath = headPath;
    }

    /** The first method-override header on the request, if any. */
    static Optional<String> override(Context ctx) {
        return OVERRIDE_HEADERS.stream().filter(name -> ctx.req().getHeaders(name).hasMoreElements()).findFirst();
    }

    void register(RoutesConfig routes) {
        routes.before(this::check);
    }

    private void check(Context ctx) {
        if (ctx.path().equals(headPath)) {
            return;
        }
        Optional<String> header = override(ctx);
        if (header.isPresent()) {
            throw new ApiProblem(ProblemCode.METHOD_OVERRIDE, header.get() + " is not accepted: send the request with its own method");
        }
        if ("HEAD".equals(ctx.req().getMethod())) {
            throw new ApiProblem(ProblemCode.METHOD_NOT_ALLOWED, "this resource does not support that method");
        }
    }
}
