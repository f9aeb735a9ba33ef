package dev.gatehouse.http;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.oidc.TokenEndpoint;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenID provider's token endpoint, {@code POST /token}. The form is read here as strictly as
 * every other body (UTF-8, bounded, no parameter twice: RFC 6749 section 3.2 says a parameter MUST
 * NOT be repeated, and two readers could pick different copies); {@link TokenEndpoint} gets that
 * one reading and answers in RFC 6749's own error format, which OAuth client libraries parse,
 * rather than problem+json.
 */
final class OpenIdTokenRoutes {
    static final String PATH = "/token";

    private final HttpParts parts;
    private final TokenEndpoint endpoint;
    private final PublicUrl publicUrl;

    OpenIdTokenRoutes(HttpParts parts, TokenEndpoint endpoint, PublicUrl publicUrl) {
        this.parts = parts;
        this.endpoint = endpoint;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig routes) {
        routes.post(PATH, this::token);
    }

    private void token(Context ctx) {
        HTTPResponse response;
        try {
            response = endpoint.handle(request(ctx));
        } catch (ApiProblem problem) {
            response = new TokenErrorResponse(OAuth2Error.INVALID_REQUEST.setDescription(problem.getMessage())).toHTTPResponse();
        }
        write(ctx, response);
    }

    private HTTPRequest request(Context ctx) {
        List<String> authorization = Collections.list(ctx.req().getHeaders("Authorization"));
        if (authorization.size() > 1) {
            throw new ApiProblem(ProblemCode.INVALID_FORM, "more than one Authorization header");
        }
        Map<String, List<String>> form = new TreeMap<>();
        parts.bodies().readForm(ctx).values().forEach((name, value) -> form.put(name, List.of(value)));
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, URI.create(PublicUrls.of(publicUrl, ctx).resolve(PATH)));
        try {
            request.setContentType("application/x-www-form-urlencoded");
        } catch (ParseException e) {
            throw new IllegalStateException("the form media type is well formed", e);
        }
        authorization.stream().findFirst().ifPresent(request::setAuthorization);
        request.setBody(URLUtils.serializeParameters(form));
        return request;
    }

    /** Writes an answer the SDK made: its status, headers and body as they are. */
    static void write(Context ctx, HTTPResponse response) {
        ctx.status(response.getStatusCode());
        response.getHeaderMap().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                values.forEach(ctx::contentType);
            } else {
                values.forEach(value -> ctx.res().addHeader(name, value));
            }
        });
        ctx.result(response.getBody() == null ? "" : response.getBody());
    }
}
