package dev.gatehouse.http;

import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.authn.Credential;
import dev.gatehouse.core.authn.Rejection;
import dev.gatehouse.core.authn.TokenAuthority;
import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.core.session.ClientInfo;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.StartedSession;
import dev.gatehouse.core.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/** Sign-in and sign-out. */
final class AuthRoutes {
    private final HttpParts parts;
    private final SessionService sessions;
    private final Set<AuthMethod> enabled;
    private final Optional<TokenAuthority> tokens;
    private final Clock clock;

    AuthRoutes(HttpParts parts, SessionService sessions, Set<AuthMethod> enabled, Optional<TokenAuthority> tokens,
               Clock clock) {
        this.parts = parts;
        this.sessions = sessions;
        this.enabled = enabled;
        this.tokens = tokens.filter(t -> enabled.contains(AuthMethod.BEARER));
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.post(HttpParts.API + "/auth/login", this::login);
        routes.post(HttpParts.API + "/auth/logout", this::logout);
        routes.delete(HttpParts.API + "/auth/logout", this::logout);
    }

    private void login(Context ctx) {
        RequestFields fields = parts.bodies().read(ctx);
        String login = fields.nonBlank("login").or(() -> fields.nonBlank("email")).or(() -> fields.nonBlank("username"))
                .orElseThrow(() -> new ApiProblem(ProblemCode.MISSING_FIELD, "field 'email' or 'username' is required"));
        String password = fields.required("password");
        User user = switch (parts.logins().signIn(ctx, login, password)) {
            case LoginAttempts.Outcome.SignedIn signedIn -> signedIn.user();
            // One answer for an unknown login and a wrong password; UserService makes both cost the same.
            case LoginAttempts.Outcome.WrongCredentials wrong -> throw parts.challenges()
                    .unauthorized(Rejection.INVALID_CREDENTIALS.problem(), "the login or password is wrong");
            case LoginAttempts.Outcome.Throttled throttled -> throw LoginAttempts.tooManyAttempts(throttled.retryAfter());
        };
        ctx.header("Cache-Control", "no-store");
        Optional<Session> session = Optional.empty();
        if (enabled.contains(AuthMethod.SESSION)) {
            endPresentedSession(ctx);
            StartedSession started = sessions.start(user.id(), new ClientInfo(Optional.ofNullable(ctx.userAgent()), Optional.of(parts.logins().clientAddress(ctx))));
            parts.cookies().write(ctx, started, clock.instant());
            session = Optional.of(started.session());
        }
        Optional<Session> signIn = session;
        ctx.json(tokens.<Object>map(t -> LoginWithTokens.of(user, t.issue(user, signIn))).orElseGet(() -> UserView.of(user)));
    }

    /**
     * Ends the sign-in of whatever credential is sent: a session cookie ends its session and the
     * tokens bound to it; an access token ends itself, its session (its {@code sid}) and that
     * session's refresh family. Basic credentials name no sign-in (each request signs in anew),
     * so they end nothing: the client stops sending them. Nothing to end is still a 204.
     */
    private void logout(Context ctx) {
        Optional<Credential> credential = parts.credentials().read(ctx);
        endPresentedSession(ctx);
        if (credential.orElse(null) instanceof Credential.Bearer bearer) {
            tokens.ifPresent(t -> t.endSignIn(bearer.token()));
        }
        parts.cookies().clear(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.status(204);
    }

    /** A sign-in replaces the session the browser had, and a sign-out ends it; a garbled cookie is simply dropped. */
    private void endPresentedSession(Context ctx) {
        try {
            parts.credentials().sessionCookie(ctx).flatMap(sessions::endReturning)
                    .ifPresent(ended -> tokens.ifPresent(t -> t.endSession(ended.id())));
        } catch (ApiProblem duplicateCookies) {
            // Nothing to end that we could name; the response clears or replaces the cookie anyway.
        }
    }
}
