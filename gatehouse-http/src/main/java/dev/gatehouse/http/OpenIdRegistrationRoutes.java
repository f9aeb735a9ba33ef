package dev.gatehouse.http;

import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.RegistrationError;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.gatehouse.oidc.DynamicRegistration;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Collections;
import java.util.List;

/**
 * {@code POST /register}, dynamic client registration (RFC 7591), served only when the operator
 * turned it on. Every attempt counts against the address's registrations before anything else,
 * so that neither registering nor guessing the initial access token can be done in bulk. The JSON
 * body is read as strictly as every other (one value per name, bounded); the answers are RFC
 * 7591's, which client libraries parse.
 */
final class OpenIdRegistrationRoutes {
    static final String PATH = "/register";

    private final HttpParts parts;
    private final DynamicRegistration registration;

    OpenIdRegistrationRoutes(HttpParts parts, DynamicRegistration registration) {
        this.parts = parts;
        this.registration = registration;
    }

    void register(RoutesConfig routes) {
        routes.post(PATH, this::registerClient);
    }

    private void registerClient(Context ctx) {
        parts.logins().admitRegistration(ctx);
        OpenIdTokenRoutes.write(ctx, answer(ctx));
    }

    private HTTPResponse answer(Context ctx) {
        // The body is read before anything is judged, the token included: an answer given with part
        // of a request unread leaves the connection holding the rest.
        String metadata;
        try {
            metadata = parts.bodies().readJsonObject(ctx).toString();
        } catch (ApiProblem problem) {
            // Not a JSON object, a name twice, too large: RFC 7591's error, which a client library reads.
            return invalid(problem.getMessage());
        }
        List<String> authorization = Collections.list(ctx.req().getHeaders("Authorization"));
        if (authorization.size() > 1) {
            return invalid("more than one Authorization header");
        }
        return registration.register(metadata, authorization.stream().findFirst());
    }

    private static HTTPResponse invalid(String description) {
        return new ClientRegistrationErrorResponse(RegistrationError.INVALID_CLIENT_METADATA.setDescription(description)).toHTTPResponse();
    }
}
