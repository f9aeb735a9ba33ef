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
    /** The problem answered: code, status and detail. */
    private final Problem problem;
    /** Extra response headers, set as given. */
    private final Map<String, String> headers;

    /**
     * A problem answered with the code's own status and no extra headers.
     *
     * @param code why the request is refused
     * @param detail a sentence for the client; never a secret
     */
    public ApiProblem(ProblemCode code, String detail) {
        this(Problem.of(code, detail), Map.of());
    }

    /**
     * A problem answered with the code's own status and extra headers.
     *
     * @param code why the request is refused
     * @param detail a sentence for the client; never a secret
     * @param headers extra response headers, such as {@code WWW-Authenticate}; copied
     */
    public ApiProblem(ProblemCode code, String detail, Map<String, String> headers) {
        this(Problem.of(code, detail), headers);
    }

    /**
     * A problem as given, status included, with extra headers.
     *
     * @param problem the problem to answer
     * @param headers extra response headers, such as {@code Retry-After}; copied
     */
    public ApiProblem(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.headers = Map.copyOf(headers);
    }

    /**
     * A 403 {@link ProblemCode#FORBIDDEN}: the caller is signed in but not allowed.
     *
     * @param detail a sentence for the client; never a secret
     * @return the problem, to throw
     */
    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(ProblemCode.FORBIDDEN, detail);
    }

    /**
     * A 404 {@link ProblemCode#NOT_FOUND}: no such route or resource.
     *
     * @param detail a sentence for the client; never a secret
     * @return the problem, to throw
     */
    public static ApiProblem notFound(String detail) {
        return new ApiProblem(ProblemCode.NOT_FOUND, detail);
    }

    /**
     * The same problem answered with {@code status}, headers kept.
     *
     * @param status the status to answer, 4xx or 5xx
     * @return a new problem; this one is unchanged
     */
    public ApiProblem withStatus(int status) {
        return new ApiProblem(problem.withStatus(status), headers);
    }

    /**
     * The problem answered.
     *
     * @return the problem: code, status and detail
     */
    public Problem problem() {
        return problem;
    }

    /**
     * The status answered.
     *
     * @return the HTTP status, 4xx or 5xx
     */
    public int status() {
        return problem.status();
    }

    /**
     * Why the request is refused.
     *
     * @return the stable code clients read
     */
    public ProblemCode code() {
        return problem.code();
    }

    /**
     * The reason phrase of the status.
     *
     * @return the title, for example {@code Forbidden}
     */
    public String title() {
        return problem.title();
    }

    /**
     * The sentence for the client.
     *
     * @return the detail; never a secret
     */
    public String detail() {
        return problem.detail();
    }

    /**
     * Extra response headers, such as {@code WWW-Authenticate} or {@code Retry-After}.
     *
     * @return the headers, read-only
     */
    public Map<String, String> headers() {
        return headers;
    }
}
