package dev.gatehouse.http;

import dev.gatehouse.core.problem.Problem;
import dev.gatehouse.core.problem.ProblemCode;

import java.util.Map;
import java.util.Objects;

/**
 * An expected HTTP failure that becomes an RFC 9457 {@code application/problem+json} answer.
 * Thrown from handlers to stop a request with a client-facing reason; carries no stack trace
 * because it is not a bug. The detail is written for the client: it never holds a secret.
 */
public final class ApiProblem extends RuntimeException {
    private final Problem problem;
    private final Map<String, String> headers;

    public ApiProblem(ProblemCode code, String detail) {
        this(Problem.of(code, detail), Map.of());
    }

    public ApiProblem(ProblemCode code, String detail, Map<String, String> headers) {
        this(Problem.of(code, detail), headers);
    }

    public ApiProblem(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.headers = Map.copyOf(headers);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(ProblemCode.FORBIDDEN, detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(ProblemCode.NOT_FOUND, detail);
    }

    /** The same problem answered with {@code status}, headers kept. */
    public ApiProblem withStatus(int status) {
        return new ApiProblem(problem.withStatus(status), headers);
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    public ProblemCode code() {
        return problem.code();
    }

    public String title() {
        return problem.title();
    }

    public String detail() {
        return problem.detail();
    }

    /** Extra response headers, such as {@code WWW-Authenticate} or {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}
