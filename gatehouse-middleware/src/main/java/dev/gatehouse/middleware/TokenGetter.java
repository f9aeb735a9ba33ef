package dev.gatehouse.middleware;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the access token is read from (a pluggable "token getter"). The default is
 * {@link #bearer()}: {@code Authorization: Bearer <token>}.
 */
@FunctionalInterface
public interface TokenGetter {
    /**
     * Reads the token.
     *
     * @param request the request
     * @return the token, or empty when the request carries none where this getter looks
     */
    Optional<String> token(RequestView request);

    /**
     * Whether the request carries the token where this getter looks more than once: then which
     * one counts depends on who reads it, and the guard refuses the request. The getters made here
     * say so for a repeated header or cookie; a getter of one's own may.
     *
     * @param request the request
     * @return true when the place is there more than once; false by default
     */
    default boolean ambiguous(RequestView request) {
        return false;
    }

    /**
     * The default: the Authorization header with the Bearer scheme.
     *
     * @return a getter of {@code Authorization: Bearer <token>}
     */
    static TokenGetter bearer() {
        return header("Authorization", "Bearer");
    }

    /**
     * {@code name: <scheme> <token>}; the scheme compares case-insensitively (RFC 9110 11.1).
     *
     * @param name   the header's name
     * @param scheme the authentication scheme, for example {@code Bearer}
     * @return a getter of the token after the scheme; a header of another scheme gives none
     */
    static TokenGetter header(String name, String scheme) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scheme, "scheme");
        String prefix = scheme.toLowerCase(Locale.ROOT) + " ";
        return new TokenGetter() {
            @Override
            public Optional<String> token(RequestView request) {
                return request.header(name)
                        .map(String::trim)
                        .filter(value -> value.length() > prefix.length() && value.toLowerCase(Locale.ROOT).startsWith(prefix))
                        .map(value -> value.substring(prefix.length()).trim())
                        .filter(token -> !token.isEmpty());
            }

            @Override
            public boolean ambiguous(RequestView request) {
                return request.headers(name).size() > 1;
            }
        };
    }

    /**
     * The value of a cookie.
     *
     * @param name the cookie's name
     * @return a getter of the cookie's value; a blank one gives none
     */
    static TokenGetter cookie(String name) {
        Objects.requireNonNull(name, "name");
        return new TokenGetter() {
            @Override
            public Optional<String> token(RequestView request) {
                return request.cookie(name).map(String::trim).filter(token -> !token.isEmpty());
            }

            @Override
            public boolean ambiguous(RequestView request) {
                return request.cookies(name).size() > 1;
            }
        };
    }

    /**
     * A query parameter. Tokens in URLs end up in logs and Referer headers: use only where a
     * header cannot be set (a WebSocket handshake from a browser, a download link).
     *
     * @param name the parameter's name
     * @return a getter of the parameter's value; a blank one gives none
     */
    static TokenGetter queryParam(String name) {
        Objects.requireNonNull(name, "name");
        return request -> request.queryParam(name).map(String::trim).filter(token -> !token.isEmpty());
    }

    /**
     * This getter, else the other one.
     *
     * @param other asked only when this getter finds no token
     * @return a getter trying both in turn
     */
    default TokenGetter or(TokenGetter other) {
        Objects.requireNonNull(other, "other");
        TokenGetter first = this;
        return new TokenGetter() {
            @Override
            public Optional<String> token(RequestView request) {
                return first.token(request).or(() -> other.token(request));
            }

            @Override
            public boolean ambiguous(RequestView request) {
                return first.ambiguous(request) || other.ambiguous(request);
            }
        };
    }
}
