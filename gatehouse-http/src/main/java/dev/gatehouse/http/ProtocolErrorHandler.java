package dev.gatehouse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.problem.Problem;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Answers the requests Jetty refuses before any route sees them (a malformed URI or
 * Content-Length, headers too large) as problem+json too, instead of Jetty's HTML page. The
 * detail is ours: Jetty's message and cause are never echoed.
 */
final class ProtocolErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;

    ProtocolErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean errorPageForMethod(String method) {
        // Jetty only writes bodies for GET, POST and HEAD by default; a bad PUT deserves an answer too.
        return !"HEAD".equalsIgnoreCase(method);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(ProblemWriter.forStatus(code).problem().body());
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
