package dev.gatehouse.middleware;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads one parameter from a raw query string. The Servlet API has no way to ask for a query
 * parameter alone: {@code getParameter} also reads, and so consumes, a form-encoded body, which
 * the application may want to read raw, and would take a token or a method override from the body
 * where the Javalin plugin takes it from the query only.
 */
final class QueryParameters {
    private QueryParameters() {
    }

    /**
     * The first value of {@code name} in {@code rawQuery}, decoded as UTF-8 form encoding, as
     * {@code getParameter} would give it. A value that does not decode is returned as sent: it
     * then reads as no method and no valid token, and the request is refused rather than guessed at.
     *
     * @param rawQuery the query as sent (without {@code ?}), or {@code null} when there is none
     * @param name the parameter's name
     * @return its first value, or empty when the query does not name it
     */
    static Optional<String> first(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&", -1)) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            if (decoded(rawName).equals(name)) {
                return Optional.of(decoded(rawValue));
            }
        }
        return Optional.empty();
    }

    private static String decoded(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }
}
