package dev.gatehouse.http;

import dev.gatehouse.core.access.ReturnUrls;
import dev.gatehouse.core.session.ClientInfo;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.StartedSession;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.Optional;

/**
 * {@code /login}: a plain HTML sign-in page for people sent by the forward-auth endpoint. The
 * form posts back here and works without JavaScript; after signing in the browser goes to the
 * return URL, which must be a relative path or on an allowed host (no open redirect).
 */
final class LoginPageRoutes {
    private final HttpParts parts;
    private final SessionService sessions;
    private final ReturnUrls returnUrls;
    private final Clock clock;

    LoginPageRoutes(HttpParts parts, SessionService sessions, ReturnUrls returnUrls, Clock clock) {
        this.parts = parts;
        this.sessions = sessions;
        this.returnUrls = returnUrls;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.get("/login", this::page);
        routes.post("/login", this::signIn);
    }

    private void page(Context ctx) {
        // A hint only fills in the field (escaped like all the page's text); one that is not plain text is left out.
        String hint = Optional.ofNullable(ctx.queryParam("login_hint")).filter(LoginPageRoutes::isUsableHint).orElse("");
        render(ctx, 200, returnTo(ctx.queryParam("return_to")), Optional.empty(), hint);
    }

    /** A login to fill in: at most 254 characters, under the rules every login name is held to. */
    static boolean isUsableHint(String hint) {
        return !hint.isBlank() && hint.length() <= 254 && UserFields.loginNameViolation("login", hint).isEmpty();
    }

    private void signIn(Context ctx) {
        RequestFields fields = parts.bodies().read(ctx);
        String back = returnTo(fields.optional("return_to").orElse(null));
        String login = fields.nonBlank("login").or(() -> fields.nonBlank("email")).or(() -> fields.nonBlank("username")).orElse("");
        LoginAttempts.Outcome outcome = fields.nonBlank("password").map(password -> parts.logins().signIn(ctx, login, password))
                .orElseGet(LoginAttempts.Outcome.WrongCredentials::new);
        User user;
        switch (outcome) {
            case LoginAttempts.Outcome.SignedIn signedIn -> user = signedIn.user();
            case LoginAttempts.Outcome.WrongCredentials wrong -> {
                render(ctx, 401, back, Optional.of("The email, username or password is wrong."), login);
                return;
            }
            case LoginAttempts.Outcome.Throttled throttled -> {
                long seconds = LoginAttempts.retryAfterSeconds(throttled.retryAfter());
                ctx.header("Retry-After", Long.toString(seconds));
                render(ctx, 429, back, Optional.of("Too many failed sign-ins. Try again in " + ((seconds + 59) / 60) + " minutes."), login);
                return;
            }
        }
        parts.credentials().sessionCookie(ctx).ifPresent(sessions::end);
        StartedSession started = sessions.start(user.id(), new ClientInfo(Optional.ofNullable(ctx.userAgent()), Optional.of(parts.logins().clientAddress(ctx))));
        parts.cookies().write(ctx, started, clock.instant());
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(back, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private String returnTo(String requested) {
        return requested == null ? "/" : returnUrls.accept(requested).orElse("/");
    }

    private static void render(Context ctx, int status, String returnTo, Optional<String> error, String login) {
        ctx.header("Cache-Control", "no-store");
        // The page runs no third-party code and must not be framed (clickjacking of the form). No
        // form-action: Chromium applies it to the redirects that follow the form too, and a sign-in
        // for an OpenID client ends on the client's redirect URI, on another site.
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'none'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.status(status).contentType("text/html; charset=utf-8").result(LoginPage.html(returnTo, error, login));
    }
}
