package dev.gatehouse.http;

import dev.gatehouse.core.authn.TokenAuthority;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.oidc.EndSessionEndpoint;
import dev.gatehouse.oidc.EndSessionOutcome;
import dev.gatehouse.oidc.InteractionTickets;
import dev.gatehouse.oidc.SignedIn;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|POST /logout}: OpenID Connect RP-Initiated Logout's end-session endpoint, and the
 * sign-out page of a browser that comes without an app ({@link EndSessionEndpoint} decides);
 * {@code POST /logout/confirm} is the user's answer on the confirmation page, taken only from the
 * session that was asked. Signing out ends the browser's session, the refresh tokens of that
 * sign-in, and with it every access token bound to it ({@code sid}).
 */
final class OpenIdLogoutRoutes {
    static final String PATH = "/logout";
    private static final String CONFIRM = PATH + "/confirm";

    private final HttpParts parts;
    private final BrowserRequests browser;
    private final EndSessionEndpoint endpoint;
    private final InteractionTickets tickets;
    private final SessionService sessions;
    private final TokenAuthority tokens;

    OpenIdLogoutRoutes(HttpParts parts, BrowserRequests browser, EndSessionEndpoint endpoint, InteractionTickets tickets,
                       SessionService sessions, TokenAuthority tokens) {
        this.parts = parts;
        this.browser = browser;
        this.endpoint = endpoint;
        this.tickets = tickets;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> logout(ctx, browser.query(ctx), false));
        routes.post(PATH, ctx -> logout(ctx, browser.form(ctx), true));
        routes.post(CONFIRM, this::confirm);
    }

    private void logout(Context ctx, Optional<Map<String, String>> parameters, boolean cookieMayBeHidden) {
        if (parameters.isEmpty()) {
            OpenIdPages.error(ctx, "The sign-out request repeats a parameter or is not readable.");
            return;
        }
        Map<String, String> known = EndSessionEndpoint.known(parameters.get());
        Optional<SignedIn> signedIn = browser.signedIn(ctx);
        carryOut(ctx, known, signedIn, endpoint.endSession(known, signedIn, false, cookieMayBeHidden));
    }

    private void confirm(Context ctx) {
        Optional<Map<String, String>> form = browser.form(ctx);
        Optional<InteractionTickets.Ticket> ticket = form.map(f -> f.get("ticket"))
                .flatMap(t -> tickets.read(t, InteractionTickets.Purpose.SIGN_OUT));
        Optional<SignedIn> signedIn = browser.signedIn(ctx);
        boolean sameSession = ticket.flatMap(InteractionTickets.Ticket::sessionId)
                .filter(id -> signedIn.map(s -> s.session().id().equals(id)).orElse(false)).isPresent();
        if (ticket.isEmpty() || !sameSession || !"sign_out".equals(form.get().get("decision"))) {
            OpenIdPages.error(ctx, "This sign-out page is no longer valid for the signed-in user.");
            return;
        }
        Map<String, String> parameters = ticket.get().parameters();
        carryOut(ctx, parameters, signedIn, endpoint.endSession(parameters, signedIn, true, false));
    }

    private static String query(Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    private void carryOut(Context ctx, Map<String, String> parameters, Optional<SignedIn> signedIn, EndSessionOutcome outcome) {
        ctx.header("Cache-Control", "no-store");
        switch (outcome) {
            case EndSessionOutcome.ErrorPage page -> OpenIdPages.error(ctx, page.message());
            case EndSessionOutcome.Confirm confirm -> OpenIdPages.confirmSignOut(ctx, confirm.clientName(),
                    tickets.issue(InteractionTickets.Purpose.SIGN_OUT, parameters, signedIn.map(s -> s.session().id())));
            case EndSessionOutcome.AskAgainWithTheCookie ask -> OpenIdPages.continueSignOut(ctx, PATH + "?" + query(parameters));
            case EndSessionOutcome.SignOut signOut -> {
                signOut.session().ifPresent(session -> {
                    // endOwned: a hint names a session, which ends only if it is its user's.
                    if (sessions.endOwned(session.userId(), session.sessionId())) {
                        tokens.endSession(session.sessionId());
                    }
                });
                if (signedIn.isPresent()) {
                    // Only a cookie this request showed is cleared: clearing one it did not show would sign
                    // the browser out on anyone's request.
                    parts.cookies().clear(ctx);
                }
                if (signOut.redirect().isPresent()) {
                    ctx.redirect(signOut.redirect().get().toString(), HttpStatus.SEE_OTHER);
                } else {
                    OpenIdPages.signedOut(ctx);
                }
            }
        }
    }
}
