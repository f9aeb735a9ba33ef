package dev.gatehouse.middleware;

import java.util.Optional;

/** The parts of a request a {@link TokenGetter} and the guard may read, whatever the web framework. */
public interface RequestView {
    /**
     * A request header.
     *
     * @param name the header's name, any case
     * @return the header's value, or empty when it was not sent
     */
    Optional<String> header(String name);

    /**
     * A cookie the request carries.
     *
     * @param name the cookie's name
     * @return the cookie's value, or empty when it was not sent
     */
    Optional<String> cookie(String name);

    /**
     * A parameter of the query string.
     *
     * @param name the parameter's name
     * @return the parameter's value, decoded, or empty when it was not sent
     */
    Optional<String> queryParam(String name);

    /**
     * A parameter of a form-encoded request body; asked only of a form POST, for a method override
     * ({@code _method}). Empty by default.
     *
     * @param name the parameter's name
     * @return the parameter's value, decoded, or empty
     */
    default Optional<String> formParam(String name) {
        return Optional.empty();
    }
}
