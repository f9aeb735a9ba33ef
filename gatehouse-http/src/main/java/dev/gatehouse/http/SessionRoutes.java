package dev.gatehouse.http;

import dev.gatehouse.core.authn.AuthResult;
import dev.gatehouse.core.authn.TokenAuthority;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A user's own sessions: list them, end one, end all. */
final class SessionRoutes {
    private final HttpParts parts;
    private final SessionService sessions;
    private final Optional<TokenAuthority> tokens;

    SessionRoutes(HttpParts parts, SessionService sessions, Optional<TokenAuthority> tokens) {
        this.parts = parts;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    void register(RoutesConfig routes) {
        routes.get(HttpParts.API + "/sessions", this::list);
        routes.delete(HttpParts.API + "/sessions", this::endAll);
        routes.delete(HttpParts.API + "/sessions/{id}", this::endOne);
    }

    private void list(Context ctx) {
        AuthResult.Authenticated caller = parts.guard().require(ctx);
        Optional<UUID> current = caller.session().map(Session::id);
        List<SessionView> views = sessions.list(caller.user().id()).stream().map(s -> SessionView.of(s, current)).toList();
        ctx.json(new SessionList(views));
    }

    private void endOne(Context ctx) {
        UUID id = PathIds.uuid(ctx, "id");
        AuthResult.Authenticated caller = parts.guard().require(ctx);
        // Another user's session id answers exactly like an unknown one: ids are not confirmed to strangers.
        if (!sessions.endOwned(caller.user().id(), id)) {
            throw ApiProblem.notFound("no such session");
        }
        tokens.ifPresent(t -> t.endSession(id));
        if (caller.session().map(Session::id).filter(id::equals).isPresent()) {
            parts.cookies().clear(ctx);
        }
        ctx.status(204);
    }

    private void endAll(Context ctx) {
        AuthResult.Authenticated caller = parts.guard().require(ctx);
        sessions.endAll(caller.user().id());
        tokens.ifPresent(t -> t.endAllForUser(caller.user().id()));
        parts.cookies().clear(ctx);
        ctx.status(204);
    }

    record SessionList(List<SessionView> sessions) {
    }
}
