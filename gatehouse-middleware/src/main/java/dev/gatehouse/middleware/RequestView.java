package dev.gatehouse.middleware;

import java.util.List;
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
     * Every value of a request header, in the order sent. The guard refuses a request that sends
     * a credential's header more than once: an app or a proxy could read another copy than it did.
     * Views over a server's request should say every copy; the default knows only {@link #header}.
     *
     * @param name the header's name, any case
     * @return the values, none when it was not sent
     */
    default List<String> headers(String name) {
        return header(name).map(List::of).orElse(List.of());
    }

    /**
     * A cookie the request carries.
     *
     * @param name the cookie's name
     * @return the cookie's value, or empty when it was not sent
     */
    Optional<String> cookie(String name);

    /**
     * Every value of the cookies of this name, in the order sent. Two session cookies of one name
     * are how a sibling site plants its own (cookie tossing): the guard refuses them. Views over a
     * server's request should say every copy; the default knows only {@link #cookie}.
     *
     * @param name the cookie's name
     * @return the values, none when no such cookie was sent
     */
    default List<String> cookies(String name) {
        return cookie(name).map(List::of).orElse(List.of());
    }

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
