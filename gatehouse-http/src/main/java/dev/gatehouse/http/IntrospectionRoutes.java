package dev.gatehouse.http;

import dev.gatehouse.core.authn.Introspection;
import dev.gatehouse.core.authn.Introspector;
import dev.gatehouse.core.secrets.Secret;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 7662 introspection of access tokens, refresh tokens and session tokens. The RFC wants the
 * caller authenticated: either a resource server presenting {@code GATEHOUSE_INTROSPECTION_SECRET}
 * as a bearer token (the RFC's own example), or a signed-in admin. An inactive token gets
 * {@code {"active": false}} and nothing else.
 */
final class IntrospectionRoutes {
    private final HttpParts parts;
    private final Introspector introspector;
    private final Optional<Secret> resourceServerSecret;

    IntrospectionRoutes(HttpParts parts, Introspector introspector, Optional<Secret> resourceServerSecret) {
        this.parts = parts;
        this.introspector = introspector;
        this.resourceServerSecret = resourceServerSecret;
    }

    void register(RoutesConfig routes) {
        routes.post(HttpParts.API + "/auth/introspect", this::introspect);
    }

    private void introspect(Context ctx) {
        if (!presentsResourceServerSecret(ctx)) {
            parts.guard().requireAdmin(ctx);
        }
        RequestFields fields = parts.bodies().read(ctx);
        String token = fields.required("token");
        Optional<Introspector.Hint> hint = fields.optional("token_type_hint").flatMap(Introspector.Hint::fromName);
        ctx.json(switch (introspector.introspect(token, hint)) {
            case Introspection.Inactive inactive -> Map.of("active", false);
            case Introspection.Active active -> describe(active);
        });
    }

    private boolean presentsResourceServerSecret(Context ctx) {
        // One header only: with two, the guard that runs next refuses them.
        List<String> headers = Collections.list(ctx.req().getHeaders("Authorization"));
        String authorization = headers.size() == 1 ? headers.getFirst() : null;
        if (resourceServerSecret.isEmpty() || authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        return resourceServerSecret.get().matches(authorization.substring(7).trim());
    }

    private static Map<String, Object> describe(Introspection.Active active) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("token_type", active.tokenType());
        body.put("sub", active.subject());
        active.grant().ifPresent(grant -> {
            body.put("client_id", grant.clientId());
            body.put("scope", grant.scopeText());
        });
        active.username().ifPresent(u -> body.put("username", u));
        active.email().ifPresent(e -> body.put("email", e));
        active.role().ifPresent(r -> body.put("role", r));
        body.put("iat", active.issuedAt().getEpochSecond());
        active.expiresAt().ifPresent(exp -> body.put("exp", exp.getEpochSecond()));
        active.jti().ifPresent(j -> body.put("jti", j));
        active.sessionId().ifPresent(sid -> body.put("sid", sid.toString()));
        return body;
    }
}
