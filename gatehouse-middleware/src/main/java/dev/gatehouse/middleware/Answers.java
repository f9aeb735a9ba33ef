package dev.gatehouse.middleware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.problem.Problem;
import dev.gatehouse.core.problem.ProblemCode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The refusals both adapters send, the same on every framework: RFC 9457 problem+json to API
 * clients and a short HTML page to browsers, RFC 6750 challenges, never cached.
 */
final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seconds a client should wait before retrying after a 503. */
    static final String RETRY_AFTER = "5";

    private Answers() {
    }

    /**
     * What to answer instead of running the app.
     *
     * @param status      the status code
     * @param headers     headers to set, in order
     * @param contentType empty for a redirect, which has no body
     * @param body        the body, empty for a redirect
     */
    record Refusal(int status, Map<String, String> headers, Optional<String> contentType, String body) {
    }

    /** True when the caller is a browser navigating (it asks for HTML). */
    static boolean browser(Optional<String> accept) {
        return accept.map(a -> a.contains("text/html")).orElse(false);
    }

    /** The refusal for every outcome but {@link GuardOutcome.Proceed}, which has none. */
    static Optional<Refusal> refusal(GuardOutcome outcome, boolean browser) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        return switch (outcome) {
            case GuardOutcome.Proceed proceed -> Optional.empty();
            case GuardOutcome.Unauthorized unauthorized -> {
                headers.put("WWW-Authenticate", unauthorized.invalidToken()
                        ? "Bearer error=\"invalid_token\", error_description=\"the access token is not valid\"" : "Bearer");
                yield Optional.of(answer(unauthorized.invalidToken()
                        ? Problem.of(ProblemCode.INVALID_TOKEN, "the access token is not valid")
                        : Problem.of(ProblemCode.UNAUTHENTICATED, "authentication is required"), headers, browser));
            }
            case GuardOutcome.BadRequest bad -> Optional.of(answer(Problem.of(bad.code(), bad.detail()), headers, browser));
            case GuardOutcome.Forbidden forbidden -> Optional.of(answer(Problem.of(ProblemCode.FORBIDDEN, "not allowed by the access rules"), headers, browser));
            case GuardOutcome.Unavailable unavailable -> {
                headers.put("Retry-After", RETRY_AFTER);
                yield Optional.of(answer(Problem.of(ProblemCode.AUTH_UNAVAILABLE, "the sign-in could not be checked; try again shortly"),
                        headers, browser));
            }
            case GuardOutcome.Redirect redirect -> {
                headers.put("Location", redirect.location());
                yield Optional.of(new Refusal(302, headers, Optional.empty(), ""));
            }
        };
    }

    private static Refusal answer(Problem problem, Map<String, String> headers, boolean browser) {
        return browser
                ? new Refusal(problem.status(), headers, Optional.of("text/html; charset=utf-8"), page(problem.status(), problem.title(), problem.detail()))
                : new Refusal(problem.status(), headers, Optional.of(Problem.MEDIA_TYPE), json(problem));
    }

    private static String json(Problem problem) {
        try {
            return JSON.writeValueAsString(problem.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body is strings and a number and cannot fail to serialise", e);
        }
    }

    /** The texts are the guard's own, never the request's; escaped all the same. */
    private static String page(int status, String title, String detail) {
        String heading = escapeHtml(title);
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " " + heading
                + "</title></head><body><h1>" + heading + "</h1><p>" + escapeHtml(detail) + "</p></body></html>";
    }

    private static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
