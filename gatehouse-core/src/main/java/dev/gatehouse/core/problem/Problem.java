package dev.gatehouse.core.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One refusal as every edge answers it: RFC 9457 {@code application/problem+json} with the
 * stable {@code error} member. The detail is written for the client and never holds a secret or
 * anything the request sent.
 *
 * @param code   why
 * @param status the status answered; the code's own unless an edge must say otherwise (nginx's
 *               {@code auth_request} turns every status but 401 and 403 into a 500)
 * @param detail a sentence for people
 */
public record Problem(ProblemCode code, int status, String detail) {
    /** The media type of {@link #body()}. */
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:gatehouse:problem:";

    /**
     * Refuses a missing code or detail, and a status that is not an error.
     *
     * @throws IllegalArgumentException when the status is not 4xx or 5xx
     */
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem is answered with a 4xx or 5xx status, not " + status);
        }
    }

    /**
     * A problem answered with its code's own status.
     *
     * @param code why
     * @param detail a sentence for people; never a secret or anything the request sent
     * @return the problem
     */
    public static Problem of(ProblemCode code, String detail) {
        return new Problem(code, code.status(), detail);
    }

    /**
     * The same problem answered with another status.
     *
     * @param other the status to answer with, 4xx or 5xx
     * @return the changed copy; this one is unchanged
     */
    public Problem withStatus(int other) {
        return new Problem(code, other, detail);
    }

    /**
     * The reason phrase of the status (RFC 9110).
     *
     * @return the phrase, or a generic one for a status without its own
     */
    public String title() {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : "Bad Request";
        };
    }

    /**
     * The members of the JSON body, in the order they are written: type, title, status, detail, error.
     *
     * @return a new, modifiable map of the members
     */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + code.code());
        body.put("title", title());
        body.put("status", status);
        body.put("detail", detail);
        body.put("error", code.code());
        return body;
    }
}
