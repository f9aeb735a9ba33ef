package dev.gatehouse.http;

import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.problem.ProblemCode;

import java.util.Map;
import java.util.Set;

/**
 * Builds 401 answers with the {@code WWW-Authenticate} header RFC 9110 requires: a Basic
 * challenge when Basic is enabled, otherwise a cookie challenge naming the login endpoint.
 */
final class Challenges {
    private final String challenge;

    Challenges(Set<AuthMethod> enabled, String cookieName) {
        String primary = enabled.contains(AuthMethod.BASIC)
                ? "Basic realm=\"gatehouse\", charset=\"UTF-8\""
                : "Cookie realm=\"gatehouse\", form-action=\"/api/v1/auth/login\", cookie-name=\"" + cookieName + "\"";
        // RFC 9110 allows several challenges in one header; RFC 6750 names the Bearer one.
        this.challenge = enabled.contains(AuthMethod.BEARER) ? primary + ", Bearer realm=\"gatehouse\"" : primary;
    }

    ApiProblem unauthorized(ProblemCode code, String detail) {
        return new ApiProblem(code, detail, Map.of("WWW-Authenticate", challenge));
    }
}
