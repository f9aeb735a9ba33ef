package dev.gatehouse.http;

import java.util.Map;
import java.util.Objects;

/**
 * An expected HTTP failure that becomes an RFC 9457 {@code application/problem+json} answer.
 * Thrown from handlers to stop a request with a client-facing reason; carries no stack trace
 * because it is not a bug. The detail is written for the client: it never holds a secret.
 *
 * @param code stable, machine-readable reason (for example {@code invalid_credentials})
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;
    private final Map<String, String> headers;

    public ApiProblem(int status, String code, String title, String detail) {
        this(status, code, title, detail, Map.of());
    }

    public ApiProblem(int status, String code, String title, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.title = Objects.requireNonNull(title, "title");
        this.headers = Map.copyOf(headers);
    }

    public static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(400, code, "Bad Request", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not_found", "Not Found", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra response headers, such as {@code WWW-Authenticate} or {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}
