package dev.gatehouse.middleware;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The refusals both adapters send, the same on every framework: RFC 9457 problem+json to API
 * clients and a short HTML page to browsers, RFC 6750 challenges, never cached.
 */
final class Answers {
    static final String PROBLEM_JSON = "application/problem+json";
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
                yield Optional.of(answer(401, headers, browser, "Unauthorized", unauthorized.invalidToken() ? "invalid_token" : "unauthenticated",
                        unauthorized.invalidToken() ? "the access token is not valid" : "authentication is required"));
            }
            case GuardOutcome.BadRequest bad -> Optional.of(answer(400, headers, browser, "Bad Request", bad.code(), bad.detail()));
            case GuardOutcome.Forbidden forbidden -> Optional.of(answer(403, headers, browser, "Forbidden", "forbidden", "not allowed by the access rules"));
            case GuardOutcome.Unavailable unavailable -> {
                headers.put("Retry-After", RETRY_AFTER);
                yield Optional.of(answer(503, headers, browser, "Service Unavailable", "auth_unavailable",
                        "the sign-in could not be checked; try again shortly"));
            }
            case GuardOutcome.Redirect redirect -> {
                headers.put("Location", redirect.location());
                yield Optional.of(new Refusal(302, headers, Optional.empty(), ""));
            }
        };
    }

    private static Refusal answer(int status, Map<String, String> headers, boolean browser, String title, String code, String detail) {
        return browser
                ? new Refusal(status, headers, Optional.of("text/html; charset=utf-8"), page(status, title, detail))
                : new Refusal(status, headers, Optional.of(PROBLEM_JSON), problem(status, title, code, detail));
    }

    private static String problem(int status, String title, String code, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"code\":\"" + code + "\",\"detail\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(detail)) + "\"}";
    }

    /** The texts are the guard's own, never the request's; escaped all the same. */
    private static String page(int status, String title, String detail) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " " + title
                + "</title></head><body><h1>" + title + "</h1><p>" + escapeHtml(detail) + "</p></body></html>";
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
