package dev.gatehouse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.password.PasswordHashingBusyException;
import dev.gatehouse.core.problem.Problem;
import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.core.spi.StoreUnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The one place failures become HTTP answers, all as {@code application/problem+json}. Expected
 * outcomes arrive as {@link ApiProblem}s; anything else is a bug or an infrastructure fault,
 * logged here in full and answered with a bare 500 that reveals nothing of it.
 */
final class ProblemWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemWriter.class);

    private final ObjectMapper mapper;

    ProblemWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void register(RoutesConfig routes) {
        routes.exception(ApiProblem.class, (e, ctx) -> write(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e)));
        routes.exception(PasswordHashingBusyException.class, (e, ctx) -> write(ctx, new ApiProblem(ProblemCode.BUSY,
                "the server is busy checking passwords; retry shortly", Map.of("Retry-After", "1"))));
        routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            // Fail closed: without the store nothing about a caller can be known, so nothing is allowed.
            // One line, no stack trace: an outage refuses every request, and the store itself logs once
            // when it stops answering and once when it answers again (StoreOutage). The message names
            // the operation and holds no values.
            LOG.info("request {} {} refused: {}", ctx.method(), ctx.path(), e.getMessage());
            write(ctx, new ApiProblem(ProblemCode.STORE_UNAVAILABLE, "the store is unavailable; retry shortly",
                    Map.of("Retry-After", "1")));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
            write(ctx, new ApiProblem(ProblemCode.INTERNAL_ERROR, "the server failed to answer this request"));
        });
    }

    private static ApiProblem fromJavalin(HttpResponseException e) {
        if (e.getStatus() == 405) {
            return new ApiProblem(ProblemCode.METHOD_NOT_ALLOWED, "this resource does not support that method",
                    allowHeader(e));
        }
        return forStatus(e.getStatus());
    }

    /** The problem for a bare status raised by Javalin or Jetty, whose own message is never passed on. */
    static ApiProblem forStatus(int status) {
        return switch (status) {
            case 404 -> ApiProblem.notFound("no such resource");
            case 405 -> new ApiProblem(ProblemCode.METHOD_NOT_ALLOWED, "this resource does not support that method");
            case 413 -> new ApiProblem(ProblemCode.PAYLOAD_TOO_LARGE, "the request body is too large");
            case 414 -> new ApiProblem(ProblemCode.URI_TOO_LONG, "the request URI is too long");
            case 431 -> new ApiProblem(ProblemCode.HEADERS_TOO_LARGE, "the request headers are too large");
            default -> {
                ApiProblem failed = new ApiProblem(ProblemCode.INTERNAL_ERROR, "the server failed to answer this request");
                if (status >= 400 && status < 500) {
                    yield new ApiProblem(ProblemCode.BAD_REQUEST, "the request was not understood").withStatus(status);
                }
                // A status below 400 raised as a failure is a fault of ours: answered as one, not with that status.
                yield status >= 500 && status <= 599 ? failed.withStatus(status) : failed;
            }
        };
    }

    private static Map<String, String> allowHeader(HttpResponseException e) {
        String methods = e.getDetails().getOrDefault("availableMethods", e.getDetails().get("Available methods"));
        return methods == null ? Map.of() : Map.of("Allow", methods.replace("[", "").replace("]", ""));
    }

    private void write(Context ctx, ApiProblem problem) {
        problem.headers().forEach(ctx::header);
        String body;
        try {
            body = mapper.writeValueAsString(problem.problem().body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body is plain strings and cannot fail to serialise", e);
        }
        ctx.status(problem.status()).contentType(Problem.MEDIA_TYPE).result(body);
    }
}
