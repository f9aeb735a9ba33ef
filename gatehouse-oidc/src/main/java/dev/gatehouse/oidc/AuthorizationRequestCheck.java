package dev.gatehouse.oidc;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.Prompt;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.client.ClientType;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an authorization request may ask, checked in the order RFC 6749 section 4.1.2.1 needs:
 * first the client and its redirect URI (until both match, nothing may be sent to the client),
 * then everything else, each problem an error the client gets back:
 * <ul>
 * <li>{@code response_type} exactly {@code code} ({@code unsupported_response_type} otherwise: no
 * implicit or hybrid flow, RFC 9700 section 2.1.2), {@code response_mode} absent or {@code query};</li>
 * <li>{@code request} and {@code request_uri} are not supported;</li>
 * <li>PKCE (RFC 7636): a {@code code_challenge} must say {@code S256} (a missing method means
 * {@code plain}, which is refused); a public client must send one;</li>
 * <li>{@code scope}: names separated by single spaces, each registered to the client
 * ({@code invalid_scope} otherwise, never silently narrowed);</li>
 * <li>{@code prompt}: {@code none} alone, or any of {@code login}, {@code consent},
 * {@code select_account}; {@code max_age}: a number of seconds.</li>
 * </ul>
 */
final class AuthorizationRequestCheck {
    /** RFC 7636 section 4.2: S256 of a verifier is 32 bytes, 43 characters of unpadded base64url. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern SECONDS = Pattern.compile("0|[1-9][0-9]{0,9}");
    /**
     * The parameters the endpoint reads, the only ones carried through the sign-in and consent
     * pages; others are ignored (RFC 6749 section 3.1), never carried.
     */
    static final Set<String> KNOWN = Set.of("response_type", "client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge",
            "code_challenge_method", "prompt", "max_age", "response_mode");
    /**
     * The longest {@code state}: enough for what client libraries put there (a random value, or one
     * with a return path), and short enough that the request fits in the sign-in page's
     * {@code return_to} and a code row stays small.
     */
    static final int MAX_STATE = 512;
    /** The longest {@code nonce}; libraries send 22 to 64 characters. */
    static final int MAX_NONCE = 255;

    private AuthorizationRequestCheck() {
    }

    sealed interface Result {
    }

    /** The client or redirect URI is unknown or does not match: an error page, nothing for the client. */
    record Unanswerable(String message) implements Result {
    }

    /** Client and redirect URI match, the rest does not hold: an error for the client. */
    record Refused(CheckedRequest request, ErrorObject error) implements Result {
    }

    /** The whole request holds. */
    record Valid(CheckedRequest request) implements Result {
    }

    static Result check(Map<String, String> parameters, ClientRegistry clients) {
        String clientId = parameters.get("client_id");
        if (clientId == null || clientId.isEmpty()) {
            return new Unanswerable("The request does not say which application is asking.");
        }
        Optional<Client> client = clients.find(clientId);
        if (client.isEmpty()) {
            return new Unanswerable("No application with this client_id is registered.");
        }
        String redirectUri = parameters.get("redirect_uri");
        if (redirectUri == null || !RedirectUriMatch.matches(client.get(), redirectUri)) {
            return new Unanswerable("The redirect_uri is missing or is not one the application registered.");
        }
        String stateValue = parameters.get("state");
        if (stateValue != null && (stateValue.isBlank() || stateValue.length() > MAX_STATE)) {
            // Not echoed: an empty state cannot be sent back, and a huge one is not echoed into a redirect.
            return new Refused(new CheckedRequest(client.get(), redirectUri, Optional.empty(), Set.of(), Optional.empty(), Optional.empty(),
                    PromptValues.ABSENT, Optional.empty()), OAuth2Error.INVALID_REQUEST.setDescription("state is empty or longer than "
                    + MAX_STATE + " characters"));
        }
        Optional<String> state = Optional.ofNullable(stateValue);
        CheckedRequest bare = new CheckedRequest(client.get(), redirectUri, state, Set.of(), Optional.empty(), Optional.empty(),
                PromptValues.ABSENT, Optional.empty());
        return rest(parameters, bare);
    }

    private static Result rest(Map<String, String> parameters, CheckedRequest bare) {
        if (parameters.containsKey("request")) {
            return new Refused(bare, OAuth2Error.REQUEST_NOT_SUPPORTED);
        }
        if (parameters.containsKey("request_uri")) {
            return new Refused(bare, OAuth2Error.REQUEST_URI_NOT_SUPPORTED);
        }
        String responseType = parameters.get("response_type");
        if (responseType == null) {
            return new Refused(bare, OAuth2Error.INVALID_REQUEST.setDescription("response_type is missing"));
        }
        try {
            if (!ResponseType.parse(responseType).equals(ResponseType.CODE) || !responseType.equals("code")) {
                return new Refused(bare, OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.setDescription("only response_type=code is supported"));
            }
        } catch (ParseException e) {
            return new Refused(bare, OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.setDescription("only response_type=code is supported"));
        }
        String responseMode = parameters.get("response_mode");
        if (responseMode != null && !responseMode.equals("query")) {
            return new Refused(bare, OAuth2Error.INVALID_REQUEST.setDescription("only response_mode=query is supported"));
        }
        Optional<String> challenge = Optional.ofNullable(parameters.get("code_challenge"));
        String method = parameters.get("code_challenge_method");
        if (challenge.isPresent() != (method != null)
                || method != null && (!CodeChallengeMethod.S256.getValue().equals(method) || !S256_CHALLENGE.matcher(challenge.get()).matches())) {
            return new Refused(bare, OAuth2Error.INVALID_REQUEST.setDescription("PKCE needs code_challenge_method=S256 and its 43-character challenge"));
        }
        if (challenge.isEmpty() && bare.client().type() == ClientType.PUBLIC) {
            return new Refused(bare, OAuth2Error.INVALID_REQUEST.setDescription("a public client must use PKCE (S256)"));
        }
        Optional<Set<String>> scopes = Optional.ofNullable(parameters.get("scope")).flatMap(ClientGrant::parseScopes);
        if (scopes.isEmpty() || scopes.get().isEmpty() || !bare.client().scopes().containsAll(scopes.get())) {
            return new Refused(bare, OAuth2Error.INVALID_SCOPE.setDescription("scope is missing, malformed or not registered to the client"));
        }
        Optional<PromptValues> prompt = prompt(parameters.get("prompt"));
        if (prompt.isEmpty()) {
            return new Refused(bare, OAuth2Error.INVALID_REQUEST.setDescription("prompt is none alone, or login, consent, select_account"));
        }
        String nonce = parameters.get("nonce");
        if (nonce != null && (nonce.isBlank() || nonce.length() > MAX_NONCE)) {
            return new Refused(bare, OAuth2Error.INVALID_REQUEST.setDescription("nonce is empty or longer than " + MAX_NONCE + " characters"));
        }
        String maxAge = parameters.get("max_age");
        if (maxAge != null && !SECONDS.matcher(maxAge).matches()) {
            return new Refused(bare, OAuth2Error.INVALID_REQUEST.setDescription("max_age is a number of seconds"));
        }
        return new Valid(new CheckedRequest(bare.client(), bare.redirectUri(), bare.state(), scopes.get(),
                Optional.ofNullable(nonce), challenge, prompt.get(),
                Optional.ofNullable(maxAge).map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))));
    }

    private static Optional<PromptValues> prompt(String text) {
        if (text == null) {
            return Optional.of(PromptValues.ABSENT);
        }
        try {
            Prompt prompt = Prompt.parse(text);
            // The SDK accepts separators it tidies; a value it would read differently from us is refused.
            if (prompt == null || !prompt.isValid() || prompt.contains(Prompt.Type.CREATE) || !String.join(" ", prompt.toStringList()).equals(text)) {
                return Optional.empty();
            }
            return Optional.of(new PromptValues(prompt.contains(Prompt.Type.NONE),
                    prompt.contains(Prompt.Type.LOGIN) || prompt.contains(Prompt.Type.SELECT_ACCOUNT), prompt.contains(Prompt.Type.CONSENT)));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
