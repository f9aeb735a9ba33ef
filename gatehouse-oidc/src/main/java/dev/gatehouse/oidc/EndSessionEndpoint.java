package dev.gatehouse.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.token.OpenIdTokenSigner;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The end-session endpoint of OpenID Connect RP-Initiated Logout 1.0: an app sends the browser
 * here to sign the user out of Gatehouse, optionally naming itself ({@code client_id}, or the
 * {@code aud} of an {@code id_token_hint}) and where the browser should go afterwards
 * ({@code post_logout_redirect_uri}, which must be one the app registered, compared exactly, with
 * {@code state} echoed).
 *
 * <p>The session ends at once only when the {@code id_token_hint} is an ID token of this very
 * sign-in (its {@code sid} is the browser's session, or, when the browser sent no session cookie,
 * a session of the hint's user that the hint names): anything else could be a link on any page,
 * so the user is asked first. The hint's expiry is not checked, as the spec allows.
 */
public final class EndSessionEndpoint {
    /** The parameters the endpoint reads, the only ones its confirmation page carries back. */
    static final Set<String> KNOWN = Set.of("id_token_hint", "client_id", "post_logout_redirect_uri", "state");

    private final ClientRegistry clients;
    private final OpenIdTokenSigner idTokens;

    /**
     * An endpoint over the registered clients.
     *
     * @param clients  the registered clients and their post-logout redirect URIs
     * @param idTokens reads the ID tokens this server issued, sent as hints
     */
    public EndSessionEndpoint(ClientRegistry clients, OpenIdTokenSigner idTokens) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.idTokens = Objects.requireNonNull(idTokens, "idTokens");
    }

    /**
     * The parameters of a request that the endpoint reads.
     *
     * @param parameters the request's parameters
     * @return the known ones, others left out
     */
    public static Map<String, String> known(Map<String, String> parameters) {
        return parameters.entrySet().stream().filter(e -> KNOWN.contains(e.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Answers a logout request.
     *
     * @param parameters the request's parameters, each sent once
     * @param signedIn   the user signed in to this browser, if any
     * @param confirmed  whether the user confirmed on the page for this very request and session
     * @param cookieMayBeHidden true for a POST, which a browser sends from another site without the
     *                  {@code SameSite=Lax} session cookie: no session seen does not mean none
     * @return what to do with the browser
     */
    public EndSessionOutcome endSession(Map<String, String> parameters, Optional<SignedIn> signedIn, boolean confirmed,
                                        boolean cookieMayBeHidden) {
        Optional<JWTClaimsSet> hint = Optional.empty();
        String hintText = parameters.get("id_token_hint");
        if (hintText != null) {
            hint = idTokens.readOwnIdToken(hintText);
            if (hint.isEmpty()) {
                return new EndSessionOutcome.ErrorPage("The sign-out request carries an ID token that this server did not issue.");
            }
        }
        Optional<String> hintClient = hint.flatMap(EndSessionEndpoint::singleAudience);
        if (hint.isPresent() && hintClient.isEmpty()) {
            return new EndSessionOutcome.ErrorPage("The sign-out request carries an ID token of no single application.");
        }
        Optional<String> clientId = Optional.ofNullable(parameters.get("client_id"));
        if (clientId.isPresent() && hintClient.isPresent() && !clientId.equals(hintClient)) {
            return new EndSessionOutcome.ErrorPage("The sign-out request names two different applications.");
        }
        Optional<String> named = clientId.or(() -> hintClient);
        Optional<Client> client = named.flatMap(clients::find);
        if (named.isPresent() && client.isEmpty()) {
            return new EndSessionOutcome.ErrorPage("The sign-out request names an application that is not registered.");
        }
        Optional<URI> redirect = Optional.empty();
        String postLogout = parameters.get("post_logout_redirect_uri");
        if (postLogout != null) {
            if (client.isEmpty() || !client.get().postLogoutRedirectUris().contains(postLogout)) {
                // Never an open redirect: only an address the named app registered, exactly.
                return new EndSessionOutcome.ErrorPage("The address to return to after signing out is not one the application registered.");
            }
            String state = parameters.get("state");
            if (state != null && (state.isBlank() || state.length() > AuthorizationRequestCheck.MAX_STATE)) {
                return new EndSessionOutcome.ErrorPage("The sign-out request's state is empty or too long.");
            }
            redirect = Optional.of(withState(postLogout, Optional.ofNullable(state)));
        }
        if (signedIn.isPresent()) {
            if (confirmed || hint.filter(claims -> ofThisSignIn(claims, signedIn.get())).isPresent()) {
                return new EndSessionOutcome.SignOut(redirect, Optional.of(new EndSessionOutcome.SignedInSession(signedIn.get().user().id(),
                        signedIn.get().session().id())));
            }
            return new EndSessionOutcome.Confirm(client.map(Client::name));
        }
        // No session seen. An ID token of a sign-in names its session: the app that holds it ends it.
        Optional<EndSessionOutcome.SignedInSession> hinted = hint.flatMap(EndSessionEndpoint::sessionOf);
        if (hinted.isPresent()) {
            return new EndSessionOutcome.SignOut(redirect, hinted);
        }
        return cookieMayBeHidden ? new EndSessionOutcome.AskAgainWithTheCookie() : new EndSessionOutcome.SignOut(redirect, Optional.empty());
    }

    private static Optional<EndSessionOutcome.SignedInSession> sessionOf(JWTClaimsSet claims) {
        try {
            String sid = claims.getStringClaim("sid");
            return sid == null ? Optional.empty()
                    : Optional.of(new EndSessionOutcome.SignedInSession(UUID.fromString(claims.getSubject()), UUID.fromString(sid)));
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean ofThisSignIn(JWTClaimsSet claims, SignedIn signedIn) {
        try {
            return signedIn.session().id().toString().equals(claims.getStringClaim("sid"))
                    && signedIn.user().id().toString().equals(claims.getSubject());
        } catch (ParseException e) {
            return false;
        }
    }

    private static Optional<String> singleAudience(JWTClaimsSet claims) {
        List<String> audience = claims.getAudience();
        return audience != null && audience.size() == 1 ? Optional.of(audience.getFirst()) : Optional.empty();
    }

    private static URI withState(String uri, Optional<String> state) {
        String location = state.map(s -> uri + (uri.contains("?") ? "&" : "?") + "state=" + URLEncoder.encode(s, StandardCharsets.UTF_8))
                .orElse(uri);
        try {
            return new URI(location);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a registered URI with an encoded state is a URI", e);
        }
    }
}
