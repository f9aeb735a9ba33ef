package dev.gatehouse.core.access;

import java.util.Objects;

/**
 * The request to decide on, as the upstream will receive it.
 *
 * @param method the HTTP method as sent
 * @param host the {@code Host} header as sent, port included; rules match it lower-case and without port
 * @param path the raw path (percent-encoded, possibly with a query); normalised by the engine
 */
public record AccessRequest(String method, String host, String path) {
    /** Refuses a missing component. */
    public AccessRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
    }
}
