package dev.gatehouse.middleware;

import java.util.Optional;

/** The parts of a request a {@link TokenGetter} may read, whatever the web framework. */
public interface RequestView {
    Optional<String> header(String name);

    Optional<String> cookie(String name);

    Optional<String> queryParam(String name);
}
