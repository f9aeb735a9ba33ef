package dev.gatehouse.middleware;

import java.util.Objects;
import java.util.Optional;

/**
 * A request as the app's framework will route it, for {@link GatehouseGuard#check(RequestView, GuardedRequest)}.
 *
 * @param method     the method as received
 * @param host       the {@code Host} header, empty when there is none; rules that name hosts trust it, as
 *                   the app does (in-process there is no proxy to vouch for it)
 * @param path       the raw (percent-encoded) path the framework routes, without the app's context path,
 *                   with the query if any: what {@code /admin/**} is matched against
 * @param routedPath the framework's own decoded reading of that path, when it offers one (a servlet
 *                   container's servlet path and path info): a path the framework reads as another one
 *                   than the guard does is refused rather than judged under either reading
 */
public record GuardedRequest(String method, String host, String path, Optional<String> routedPath) {
    public GuardedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(routedPath, "routedPath");
    }

    /** A request whose framework offers no decoded reading of its own (Javalin routes the raw path). */
    public static GuardedRequest of(String method, String host, String path) {
        return new GuardedRequest(method, host, path, Optional.empty());
    }
}
