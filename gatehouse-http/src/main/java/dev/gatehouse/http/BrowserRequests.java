package dev.gatehouse.http;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.user.UserService;
import dev.gatehouse.oidc.SignedIn;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the OpenID provider's browser endpoints read of a request: its parameters, each sent once
 * (OAuth's parameters MUST NOT repeat, and two readers could pick different copies), and the user
 * signed in to this browser by Gatehouse's session cookie.
 */
final class BrowserRequests {
    private final HttpParts parts;
    private final SessionService sessions;
    private final UserService users;

    BrowserRequests(HttpParts parts, SessionService sessions, UserService users) {
        this.parts = parts;
        this.sessions = sessions;
        this.users = users;
    }

    /** The user signed in to this browser; none for a missing, ended or doubled session cookie. */
    Optional<SignedIn> signedIn(Context ctx) {
        try {
            Optional<Session> session = parts.credentials().sessionCookie(ctx).flatMap(sessions::resolve);
            return session.flatMap(s -> users.find(s.userId()).map(user -> new SignedIn(user, s)));
        } catch (ApiProblem duplicateCookies) {
            return Optional.empty();
        }
    }

    /** The query's parameters; empty when one is repeated. */
    Optional<Map<String, String>> query(Context ctx) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : ctx.queryParamMap().entrySet()) {
            if (entry.getValue().size() != 1) {
                return Optional.empty();
            }
            parameters.put(entry.getKey(), entry.getValue().getFirst());
        }
        return Optional.of(parameters);
    }

    /** The form's parameters, none for an empty body; empty when the form is repeated-field, too large or not a form. */
    Optional<Map<String, String>> form(Context ctx) {
        if (ctx.req().getContentLengthLong() == 0) {
            return Optional.of(Map.of());
        }
        try {
            return Optional.of(new LinkedHashMap<>(parts.bodies().readForm(ctx).values()));
        } catch (ApiProblem problem) {
            return Optional.empty();
        }
    }
}
