package dev.gatehouse.middleware;

import dev.gatehouse.core.problem.ProblemCode;

import java.util.Objects;
import java.util.Optional;

/**
 * A request as the app's framework will route it, for {@link GatehouseGuard#check(RequestView, GuardedRequest)}.
 *
 * @param method      the method as received
 * @param host        the {@code Host} header, empty when there is none; rules that name hosts trust it, as
 *                    the app does (in-process there is no proxy to vouch for it)
 * @param contextPath the app's context path as it begins the request URI ({@code ""} at the root, else
 *                    {@code /app}): rules do not see it, but a signed-out browser's {@code return_to} keeps
 *                    it, so that signing in brings the browser back to this app and not to another one on
 *                    the same host
 * @param path        the raw (percent-encoded) path the framework routes, without the app's context path,
 *                    with the query if any: what {@code /admin/**} is matched against
 * @param routedPath  the framework's own decoded reading of that path, when it offers one (a servlet
 *                    container's servlet path and path info): a path the framework reads as another one
 *                    than the guard does is refused rather than judged under either reading
 */
public record GuardedRequest(String method, String host, String contextPath, String path, Optional<String> routedPath) {
    /** The answer to a request {@link #inContext} cannot place in the app. */
    static final GuardOutcome.BadRequest OUTSIDE_CONTEXT = new GuardOutcome.BadRequest(ProblemCode.BAD_PATH,
            "the context path is spelled otherwise in the request");

    /**
     * Checks the parts and the context path's form.
     *
     * @param method      the method as received
     * @param host        the {@code Host} header, empty when there is none
     * @param contextPath the app's context path: {@code ""}, or starting with {@code /} and not ending with one
     * @param path        the raw (percent-encoded) path the framework routes, with the query if any
     * @param routedPath  the framework's own decoded reading of that path, when it offers one
     * @throws NullPointerException when a part is null
     * @throws IllegalArgumentException when the context path is not empty and does not start with
     *         {@code /}, or ends with one
     */
    public GuardedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(contextPath, "contextPath");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(routedPath, "routedPath");
        if (!contextPath.isEmpty() && (!contextPath.startsWith("/") || contextPath.endsWith("/"))) {
            throw new IllegalArgumentException("a context path is empty or starts with / and does not end with one");
        }
    }

    /**
     * A request to an app at the root whose framework offers no decoded reading of its own (Javalin routes the raw path).
     *
     * @param method the method as received
     * @param host   the {@code Host} header, empty when there is none
     * @param path   the raw (percent-encoded) path, with the query if any
     * @return the request, with no context path and no routed path
     */
    public static GuardedRequest of(String method, String host, String path) {
        return new GuardedRequest(method, host, "", path, Optional.empty());
    }

    /**
     * The request to an app deployed at {@code contextPath}, from the raw request URI; empty when
     * the URI does not begin with that context path followed by {@code /} or nothing (a container
     * that matched the context leniently, by case or by escapes, routes a path the guard cannot place).
     *
     * @param contextPath the context path as the framework reports it ({@code ""} or {@code "/"} at the root)
     * @param requestUri  the raw request URI, without the query
     * @param query       the raw query, or {@code null} when there is none
     */
    static Optional<GuardedRequest> inContext(String method, String host, String contextPath, String requestUri, String query,
                                              Optional<String> routedPath) {
        String context = contextPath == null || contextPath.equals("/") ? "" : contextPath;
        if (requestUri == null || !requestUri.startsWith(context)) {
            return Optional.empty();
        }
        String path = requestUri.substring(context.length());
        if (!path.isEmpty() && !path.startsWith("/")) {
            return Optional.empty();
        }
        String withQuery = (path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query);
        return Optional.of(new GuardedRequest(method, host, context, withQuery, routedPath));
    }

    /** Where the browser asked to go: the context path, the path and the query, as sent. */
    String pageAsked() {
        return contextPath + path;
    }
}
