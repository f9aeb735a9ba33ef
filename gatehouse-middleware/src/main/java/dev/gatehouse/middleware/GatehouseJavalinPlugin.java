package dev.gatehouse.middleware;

import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.plugin.Plugin;
import jakarta.servlet.http.Cookie;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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

    /**
     * A plugin that runs {@code guard} before every handler.
     *
     * @param guard decides on each request
     */
    public GatehouseJavalinPlugin(GatehouseGuard guard) {
        super(null, null);
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * Every HTTP request, and every WebSocket upgrade request before it is upgraded: Javalin runs
     * only its {@code wsBeforeUpgrade} handlers for those, never the HTTP before-handlers.
     *
     * @param state the app's configuration, where the handlers are registered
     */
    @Override
    public void onStart(JavalinState state) {
        state.routes.before(this::handle);
        state.routes.wsBeforeUpgrade(this::handle);
    }

    void handle(Context ctx) {
        GuardOutcome outcome = judge(ctx);
        if (outcome instanceof GuardOutcome.Proceed proceed) {
            proceed.identity().ifPresent(identity -> ctx.attribute(GatehouseGuard.IDENTITY_ATTRIBUTE, identity));
            return;
        }
        Answers.Refusal refusal = Answers.refusal(outcome, Answers.browser(Optional.ofNullable(ctx.header("Accept")))).orElseThrow();
        ctx.status(refusal.status());
        refusal.headers().forEach(ctx::header);
        refusal.contentType().ifPresent(type -> ctx.contentType(type).result(refusal.body()));
        ctx.skipRemainingHandlers();
    }

    /**
     * Judges the path Javalin routes: the raw request URI without the context path (rules name
     * paths inside the app). Javalin matches routes against that raw path, so there is no decoded
     * reading to cross-check; the guard refuses every path whose raw and decoded readings differ
     * in a way that matters.
     */
    private GuardOutcome judge(Context ctx) {
        String host = Optional.ofNullable(ctx.header("Host")).orElse("");
        return GuardedRequest.inContext(ctx.method().name(), host, ctx.contextPath(), ctx.req().getRequestURI(), ctx.queryString(), Optional.empty())
                .map(target -> guard.check(view(ctx), target))
                .orElse(GuardedRequest.OUTSIDE_CONTEXT);
    }

    private static RequestView view(Context ctx) {
        return new RequestView() {
            @Override
            public Optional<String> header(String name) {
                return Optional.ofNullable(ctx.header(name));
            }

            @Override
            public List<String> headers(String name) {
                return Collections.list(ctx.req().getHeaders(name));
            }

            @Override
            public Optional<String> cookie(String name) {
                return Optional.ofNullable(ctx.cookie(name));
            }

            @Override
            public List<String> cookies(String name) {
                Cookie[] cookies = ctx.req().getCookies();
                return cookies == null ? List.of()
                        : Arrays.stream(cookies).filter(c -> c.getName().equals(name)).map(Cookie::getValue).toList();
            }

            @Override
            public Optional<String> queryParam(String name) {
                return Optional.ofNullable(ctx.queryParam(name));
            }

            @Override
            public Optional<String> formParam(String name) {
                return Optional.ofNullable(ctx.formParam(name));
            }
        };
    }
}
