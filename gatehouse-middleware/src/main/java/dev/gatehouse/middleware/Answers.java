package dev.gatehouse.middleware;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** The refusals both adapters send: RFC 9457 problem+json, RFC 6750 challenges. */
final class Answers {
    static final String PROBLEM_JSON = "application/problem+json";

    private Answers() {
    }

    static String challenge(GuardOutcome.Unauthorized unauthorized) {
        return unauthorized.invalidToken()
                ? "Bearer error=\"invalid_token\", error_description=\"the access token is not valid\""
                : "Bearer";
    }

    static String unauthorizedBody(GuardOutcome.Unauthorized unauthorized) {
        return problem(401, "Unauthorized", unauthorized.invalidToken() ? "invalid_token" : "unauthenticated",
                unauthorized.invalidToken() ? "the access token is not valid" : "authentication is required");
    }

    static String forbiddenBody() {
        return problem(403, "Forbidden", "forbidden", "not allowed by the access rules");
    }

    static String badRequestBody(GuardOutcome.BadRequest bad) {
        return problem(400, "Bad Request", bad.code(), bad.detail());
    }

    static String unavailableBody() {
        return problem(503, "Service Unavailable", "auth_unavailable", "the sign-in could not be checked; try again shortly");
    }

    /** Seconds a client should wait before retrying after {@link #unavailableBody()}. */
    static final String RETRY_AFTER = "5";

    private static String problem(int status, String title, String code, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"code\":\"" + code + "\",\"detail\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(detail)) + "\"}";
    }
}
