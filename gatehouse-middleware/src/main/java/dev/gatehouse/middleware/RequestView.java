package dev.gatehouse.middleware;

import java.util.Optional;

/** The parts of a request a {@link TokenGetter} and the guard may read, whatever the web framework. */
public interface RequestView {
    Optional<String> header(String name);

    Optional<String> cookie(String name);

    Optional<String> queryParam(String name);

    /**
     * A parameter of a form-encoded request body; asked only of a form POST, for a method override
     * ({@code _method}). Empty by default.
     */
    default Optional<String> formParam(String name) {
        return Optional.empty();
    }
}
