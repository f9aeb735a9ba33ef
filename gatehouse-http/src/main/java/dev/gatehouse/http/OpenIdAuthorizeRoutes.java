package dev.gatehouse.http;

import dev.gatehouse.core.access.ReturnUrls;
import dev.gatehouse.oidc.AuthorizationEndpoint;
import dev.gatehouse.oidc.AuthorizeOutcome;
import dev.gatehouse.oidc.InteractionTickets;
import dev.gatehouse.oidc.SignedIn;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The browser side of the OpenID provider: {@code GET|POST /authorize}, the way back to it after
 * the sign-in page ({@code /authorize/continue}), and the consent page's answer
 * ({@code POST /authorize/consent}). The user is the one signed in to this browser with
 * Gatehouse's session cookie: one sign-in for every client. A parameter sent twice is refused
 * (OAuth's parameters MUST NOT repeat, and two readers could pick different copies).
 */
final class OpenIdAuthorizeRoutes {
    static final String PATH = "/authorize";
    private static final String CONTINUE = PATH + "/continue";
    private static final String CONSENT = PATH + "/consent";

    private final BrowserRequests browser;
    private final AuthorizationEndpoint endpoint;
    private final InteractionTickets tickets;

    OpenIdAuthorizeRoutes(BrowserRequests browser, AuthorizationEndpoint endpoint, InteractionTickets tickets) {
        this.browser = browser;
        this.endpoint = endpoint;
        this.tickets = tickets;
    }

    void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> authorize(ctx, browser.query(ctx)));
        routes.post(PATH, ctx -> authorize(ctx, browser.form(ctx)));
        routes.get(CONTINUE, this::resume);
        routes.post(CONSENT, this::consent);
    }

    private void authorize(Context ctx, Optional<Map<String, String>> parameters) {
        if (parameters.isEmpty()) {
            OpenIdPages.error(ctx, "The request repeats a parameter or is not readable.");
            return;
        }
        carryOut(ctx, parameters.get(), endpoint.authorize(parameters.get(), browser.signedIn(ctx), Optional.empty()));
    }

    /** Back from the sign-in page: the same request, counting only a sign-in made since it was sent there. */
    private void resume(Context ctx) {
        Optional<InteractionTickets.Ticket> ticket = single(ctx.queryParamMap().get("ticket"))
                .flatMap(t -> tickets.read(t, InteractionTickets.Purpose.SIGN_IN));
        if (ticket.isEmpty() || ctx.queryParamMap().size() != 1) {
            OpenIdPages.error(ctx, "The sign-in took too long or its link is not valid.");
            return;
        }
        Map<String, String> parameters = ticket.get().parameters();
        carryOut(ctx, parameters, endpoint.authorize(parameters, browser.signedIn(ctx), Optional.of(ticket.get().issuedAt())));
    }

    private void consent(Context ctx) {
        Optional<Map<String, String>> form = browser.form(ctx);
        Optional<InteractionTickets.Ticket> ticket = form.map(f -> f.get("ticket"))
                .flatMap(t -> tickets.read(t, InteractionTickets.Purpose.CONSENT));
        Optional<SignedIn> signedIn = browser.signedIn(ctx);
        String decision = form.map(f -> f.get("decision")).orElse("");
        boolean sameSession = ticket.flatMap(InteractionTickets.Ticket::sessionId)
                .filter(id -> signedIn.map(s -> s.session().id().equals(id)).orElse(false)).isPresent();
        if (ticket.isEmpty() || !sameSession || !(decision.equals("allow") || decision.equals("deny"))) {
            // Answered by another session than the one asked (or a forged, stale or garbled form).
            OpenIdPages.error(ctx, "This consent page is no longer valid for the signed-in user.");
            return;
        }
        Map<String, String> parameters = ticket.get().parameters();
        carryOut(ctx, parameters, endpoint.consent(parameters, signedIn, decision.equals("allow")));
    }

    private void carryOut(Context ctx, Map<String, String> parameters, AuthorizeOutcome outcome) {
        ctx.header("Cache-Control", "no-store");
        switch (outcome) {
            case AuthorizeOutcome.ErrorPage page -> OpenIdPages.error(ctx, page.message());
            case AuthorizeOutcome.Redirect redirect -> ctx.redirect(redirect.location().toString(), HttpStatus.SEE_OTHER);
            case AuthorizeOutcome.SignIn signIn -> {
                String back = CONTINUE + "?ticket=" + tickets.issue(InteractionTickets.Purpose.SIGN_IN, AuthorizationEndpoint.known(parameters),
                        Optional.empty());
                if (back.length() > ReturnUrls.MAX_LENGTH) {
                    // The sign-in page would drop a longer way back and leave the user on its start page.
                    OpenIdPages.error(ctx, "The request is too long to carry through the sign-in.");
                    return;
                }
                // login_hint (OpenID Connect Core 3.1.2.1) fills in the sign-in form's login; the user may change it.
                String hint = Optional.ofNullable(parameters.get("login_hint")).filter(LoginPageRoutes::isUsableHint)
                        .map(h -> "&login_hint=" + URLEncoder.encode(h, StandardCharsets.UTF_8)).orElse("");
                ctx.redirect("/login?return_to=" + URLEncoder.encode(back, StandardCharsets.UTF_8) + hint, HttpStatus.SEE_OTHER);
            }
            case AuthorizeOutcome.AskConsent ask -> {
                SignedIn user = browser.signedIn(ctx).orElseThrow();
                OpenIdPages.consent(ctx, ask.client().name(), returnsTo(parameters), ask.scopes(),
                        tickets.issue(InteractionTickets.Purpose.CONSENT, AuthorizationEndpoint.known(parameters),
                                Optional.of(user.session().id())));
            }
        }
    }

    /** The host the redirect URI (checked against the client's by now) goes to; a native app's scheme when it has none. */
    private static String returnsTo(Map<String, String> parameters) {
        URI redirect = URI.create(parameters.get("redirect_uri"));
        return redirect.getHost() != null ? redirect.getHost() : redirect.getScheme();
    }

    private static Optional<String> single(List<String> values) {
        return values != null && values.size() == 1 ? Optional.of(values.getFirst()) : Optional.empty();
    }
}
