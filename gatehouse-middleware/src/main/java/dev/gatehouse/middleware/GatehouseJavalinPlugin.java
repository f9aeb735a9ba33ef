package dev.gatehouse.middleware;

import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.plugin.Plugin;

import java.util.Objects;
import java.util.Optional;

/**
 * Guards a Javalin app: a before-handler on every path runs the {@link GatehouseGuard}, puts the
 * {@link Identity} on the request ({@link GatehouseJavalin#identity(Context)}), and answers 401
 * (problem+json, {@code WWW-Authenticate: Bearer}), 403 or 302 itself, skipping the app's
 * handlers. Unmatched paths are judged too, so an unknown page sends a signed-out browser to the
 * login page, as a single-page app's router would.
 *
 * <pre>{@code
 * Javalin.create(config -> config.registerPlugin(new GatehouseJavalinPlugin(guard)))
 * }</pre>
 */
public final class GatehouseJavalinPlugin extends Plugin<Void> {
    private final GatehouseGuard guard;

    public GatehouseJavalinPlugin(GatehouseGuard guard) {
        super(null, null);
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void onStart(JavalinState state) {
        state.routes.before(this::handle);
    }

    void handle(Context ctx) {
        String query = ctx.queryString();
        String path = ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
        String host = Optional.ofNullable(ctx.header("Host")).orElse("");
        GuardOutcome outcome = guard.check(view(ctx), ctx.method().name(), host, path);
        switch (outcome) {
            case GuardOutcome.Proceed proceed -> proceed.identity().ifPresent(identity -> ctx.attribute(GatehouseGuard.IDENTITY_ATTRIBUTE, identity));
            case GuardOutcome.Unauthorized unauthorized -> {
                ctx.header("WWW-Authenticate", Answers.challenge(unauthorized));
                ctx.header("Cache-Control", "no-store");
                ctx.status(401).contentType(Answers.PROBLEM_JSON).result(Answers.unauthorizedBody(unauthorized));
                ctx.skipRemainingHandlers();
            }
            case GuardOutcome.Forbidden forbidden -> {
                ctx.header("Cache-Control", "no-store");
                ctx.status(403).contentType(Answers.PROBLEM_JSON).result(Answers.forbiddenBody());
                ctx.skipRemainingHandlers();
            }
            case GuardOutcome.Unavailable unavailable -> {
                ctx.header("Cache-Control", "no-store");
                ctx.header("Retry-After", Answers.RETRY_AFTER);
                ctx.status(503).contentType(Answers.PROBLEM_JSON).result(Answers.unavailableBody());
                ctx.skipRemainingHandlers();
            }
            case GuardOutcome.Redirect redirect -> {
                ctx.header("Cache-Control", "no-store");
                ctx.header("Location", redirect.location());
                ctx.status(302);
                ctx.skipRemainingHandlers();
            }
        }
    }

    private static RequestView view(Context ctx) {
        return new RequestView() {
            @Override
            public Optional<String> header(String name) {
                return Optional.ofNullable(ctx.header(name));
            }

            @Override
            public Optional<String> cookie(String name) {
                return Optional.ofNullable(ctx.cookie(name));
            }

            @Override
            public Optional<String> queryParam(String name) {
                return Optional.ofNullable(ctx.queryParam(name));
            }
        };
    }
}
