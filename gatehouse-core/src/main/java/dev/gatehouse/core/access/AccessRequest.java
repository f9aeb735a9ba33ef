package dev.gatehouse.core.access;

import java.util.Objects;

/**
 * The request to decide on, as the upstream will receive it.
 *
 * @param path the raw path (percent-encoded, possibly with a query); normalised by the engine
 */
public record AccessRequest(String method, String host, String path) {
    public AccessRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
    }
}
