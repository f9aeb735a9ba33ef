package dev.gatehouse.oidc;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.OIDCError;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.Consent;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.spi.AuthorizationCodeStore;
import dev.gatehouse.core.spi.ConsentStore;
import dev.gatehouse.core.spi.TokenHashes;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The authorization endpoint (RFC 6749 section 3.1, OpenID Connect Core section 3.1.2): the
 * authorization code flow only, PKCE with {@code S256}, the {@code iss} response parameter
 * (RFC 9207) on every answer that goes back to the client. It holds no HTTP types: the edge reads
 * the request's parameters (each exactly once) and the browser's session, and carries out the
 * {@link AuthorizeOutcome}.
 *
 * <p>Until the client and its redirect URI are known to match, nothing is sent to the client: an
 * error page is shown instead. Every other problem goes back to the client as RFC 6749's error.
 * What a request may ask is in {@link AuthorizationRequestCheck}.
 */
public final class AuthorizationEndpoint {
    /** A code is exchanged at once by a client that is waiting for it; a minute allows for slow networks. */
    public static final Duration CODE_TTL = Duration.ofSeconds(60);
    private static final int CODE_BYTES = 32;

    private final ClientRegistry clients;
    private final ConsentStore consents;
    private final AuthorizationCodeStore codes;
    private final Issuer issuer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * An endpoint over the registry and the stores of consents and codes.
     *
     * @param clients  the registered clients
     * @param consents what users have allowed which client
     * @param codes    where issued codes are kept until exchanged
     * @param issuer   this provider's issuer, sent as {@code iss} with every answer
     * @param clock    the time codes are issued at and sign-ins are judged by
     */
    public AuthorizationEndpoint(ClientRegistry clients, ConsentStore consents, AuthorizationCodeStore codes, String issuer, Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.issuer = new Issuer(Objects.requireNonNull(issuer, "issuer"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The parameters of a request that the endpoint reads: what the sign-in and consent pages
     * carry back to it.
     *
     * @param parameters the request's parameters
     * @return the known ones, others left out
     */
    public static Map<String, String> known(Map<String, String> parameters) {
        Map<String, String> known = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (AuthorizationRequestCheck.KNOWN.contains(name)) {
                known.put(name, value);
            }
        });
        return known;
    }

    /**
     * Answers an authorization request.
     *
     * @param parameters   the request's parameters, each sent once (the edge refuses a repeated one)
     * @param signedIn     the user signed in to this browser, if any
     * @param signedInSince when the browser was last sent to sign in for this very request: only a
     *                     sign-in at or after it counts for {@code prompt=login} and {@code max_age}
     * @return what to do with the browser
     */
    public AuthorizeOutcome authorize(Map<String, String> parameters, Optional<SignedIn> signedIn, Optional<Instant> signedInSince) {
        return switch (AuthorizationRequestCheck.check(parameters, clients)) {
            case AuthorizationRequestCheck.Unanswerable unanswerable -> new AuthorizeOutcome.ErrorPage(unanswerable.message());
            case AuthorizationRequestCheck.Refused refused -> error(refused.request(), refused.error());
            case AuthorizationRequestCheck.Valid valid -> decide(valid.request(), signedIn, signedInSince);
        };
    }

    /**
     * The user's answer on the consent page for the same request.
     *
     * @param parameters the request's parameters, as they were when the page was shown
     * @param signedIn   the user signed in to this browser, who must be the one who was asked
     * @param allowed    whether the user allowed the client
     * @return a code or {@code access_denied} for the client, or another answer when the request
     *         no longer holds (the client changed, the user signed out)
     */
    public AuthorizeOutcome consent(Map<String, String> parameters, Optional<SignedIn> signedIn, boolean allowed) {
        return switch (AuthorizationRequestCheck.check(parameters, clients)) {
            case AuthorizationRequestCheck.Unanswerable unanswerable -> new AuthorizeOutcome.ErrorPage(unanswerable.message());
            case AuthorizationRequestCheck.Refused refused -> error(refused.request(), refused.error());
            case AuthorizationRequestCheck.Valid valid -> {
                if (signedIn.isEmpty()) {
                    yield new AuthorizeOutcome.SignIn();
                }
                if (!allowed) {
                    // The user answered, on a page that named where the browser goes: back to the app, whoever vouched for it.
                    yield redirectError(valid.request(), OAuth2Error.ACCESS_DENIED.setDescription("the user did not allow the client"));
                }
                consents.save(new Consent(signedIn.get().user().id(), valid.request().client().id(), valid.request().scopes(), clock.instant()));
                yield issueCode(valid.request(), signedIn.get());
            }
        };
    }

    private AuthorizeOutcome decide(CheckedRequest request, Optional<SignedIn> signedIn, Optional<Instant> signedInSince) {
        Instant now = clock.instant();
        if (signedIn.isEmpty() || needsFreshSignIn(request, signedIn.get(), signedInSince, now)) {
            return request.prompt().none()
                    ? error(request, OIDCError.LOGIN_REQUIRED.setDescription("the user must sign in"))
                    : new AuthorizeOutcome.SignIn();
        }
        SignedIn user = signedIn.get();
        if (!request.client().allows(GrantType.AUTHORIZATION_CODE)) {
            return error(request, OAuth2Error.UNAUTHORIZED_CLIENT);
        }
        boolean consented = request.client().firstParty() || !request.prompt().consent()
                && consents.find(user.user().id(), request.client().id()).map(c -> c.covers(request.scopes())).orElse(false);
        if (!consented) {
            return request.prompt().none()
                    ? error(request, OIDCError.CONSENT_REQUIRED.setDescription("the user must allow the client"))
                    : new AuthorizeOutcome.AskConsent(request.client(), request.scopes());
        }
        return issueCode(request, user);
    }

    /**
     * {@code prompt=login} (or {@code select_account}) and {@code max_age} ask for a sign-in the
     * user made for this request, or recently enough: a session older than that does not count,
     * unless it began after the browser was sent to sign in for this request.
     */
    private static boolean needsFreshSignIn(CheckedRequest request, SignedIn user, Optional<Instant> signedInSince, Instant now) {
        Instant authTime = user.session().createdAt();
        if (signedInSince.isPresent() && !authTime.isBefore(signedInSince.get())) {
            return false;
        }
        if (request.prompt().login()) {
            return true;
        }
        return request.maxAge().map(maxAge -> authTime.plus(maxAge).isBefore(now)).orElse(false);
    }

    private AuthorizeOutcome issueCode(CheckedRequest request, SignedIn user) {
        byte[] bytes = new byte[CODE_BYTES];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        codes.insert(new dev.gatehouse.core.client.AuthorizationCode(TokenHashes.sha256(code), request.client().id(), user.user().id(),
                user.session().id(), request.redirectUri(), request.scopes(), request.nonce(), request.codeChallenge(),
                user.session().createdAt(), now, now.plus(CODE_TTL), Optional.empty(), Optional.empty(), Optional.empty()));
        return new AuthorizeOutcome.Redirect(new AuthorizationSuccessResponse(uri(request.redirectUri()), new AuthorizationCode(code), null,
                request.state().map(State::new).orElse(null), issuer, ResponseMode.QUERY).toURI());
    }

    /**
     * An error for the client, at its redirect URI; for a self-registered client an error page
     * instead. Nobody vouched for such an app's redirect URI, and a redirect that needs no answer
     * from the user would let anyone who registers one use this server's address to send browsers
     * anywhere (the open redirector of RFC 9700 section 4.11.2).
     */
    private AuthorizeOutcome error(CheckedRequest request, ErrorObject error) {
        if (request.client().selfRegistered()) {
            return new AuthorizeOutcome.ErrorPage("The app's sign-in request cannot be answered (" + error.getCode() + ").");
        }
        return redirectError(request, error);
    }

    private AuthorizeOutcome redirectError(CheckedRequest request, ErrorObject error) {
        return new AuthorizeOutcome.Redirect(new AuthorizationErrorResponse(uri(request.redirectUri()), error,
                request.state().map(State::new).orElse(null), issuer, ResponseMode.QUERY).toURI());
    }

    private static URI uri(String redirectUri) {
        try {
            return new URI(redirectUri);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a registered redirect URI is a URI", e);
        }
    }
}
