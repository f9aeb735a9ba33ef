package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenClaimsVerifier;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.oidc.AuthorizationEndpoint;
import dev.gatehouse.oidc.BackChannelLogout;
import dev.gatehouse.oidc.ClientChange;
import dev.gatehouse.oidc.ClientRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization code flow over HTTP, a browser's requests made by hand (its cookie, each
 * redirect followed explicitly): sign-in, consent, code, exchange with PKCE, ID token, userinfo;
 * and the refusals the specs ask for.
 */
class AuthorizationCodeFlowTest {
    private static final String REDIRECT = "https://app.example.com/callback";
    private static final String AFTER_LOGOUT = "https://app.example.com/signed-out";
    private static final Map<String, String> ALICE = Map.of("email", "alice@example.com", "password", "alice's long password");

    private TestGatehouse gatehouse;
    private Api api;
    private String secret;
    private final CodeVerifier verifier = new CodeVerifier();

    @BeforeEach
    void start() {
        start(Map.of());
    }

    private void start(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("AUTH_TYPE", "jwt,session", "JWT_ALGORITHM", "ES256"));
        all.putAll(settings);
        gatehouse = TestGatehouse.inMemory(all);
        api = gatehouse.api();
        Steps.register(api, ALICE);
        secret = register("webapp", ClientType.CONFIDENTIAL, false).orElseThrow();
        register("spa", ClientType.PUBLIC, false);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    private Optional<String> register(String id, ClientType type, boolean firstParty) {
        return register(id, type, firstParty, Optional.empty());
    }

    private Optional<String> register(String id, ClientType type, boolean firstParty, Optional<String> backchannelLogoutUri) {
        ClientChange change = gatehouse.clients.register(new ClientRegistration(Optional.of(id), "App " + id, type, Optional.empty(), List.of(REDIRECT),
                List.of(AFTER_LOGOUT), backchannelLogoutUri, Set.of("openid", "profile", "email", "reports"),
                Set.of(GrantType.AUTHORIZATION_CODE), firstParty, Optional.empty(), Optional.empty()));
        assertThat(change).isInstanceOf(ClientChange.Saved.class);
        return ((ClientChange.Saved) change).secret();
    }

    private Map<String, String> request(String clientId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", clientId);
        p.put("redirect_uri", REDIRECT);
        p.put("scope", "openid profile email");
        p.put("state", "state-123");
        p.put("nonce", "nonce-456");
        p.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
        p.put("code_challenge_method", "S256");
        return p;
    }

    private static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Api.Reply authorize(Map<String, String> parameters, Optional<String> session) {
        Api.Call call = api.call("GET", "/authorize?" + query(parameters));
        session.ifPresent(s -> call.headers(Steps.cookie(s)));
        return call.send();
    }

    private static Map<String, String> redirectParameters(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(303);
        URI location = URI.create(reply.header("Location").orElseThrow());
        assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath()).isEqualTo(REDIRECT);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /**
     * The ticket with one character of its payload changed. Not its last characters: the last
     * Base64 character of a part carries bits a decoder drops, so changing it may change nothing.
     */
    private static String changedInTheMiddle(String token) {
        int middle = token.indexOf('.') + (token.lastIndexOf('.') - token.indexOf('.')) / 2;
        char replacement = token.charAt(middle) == 'A' ? 'B' : 'A';
        return token.substring(0, middle) + replacement + token.substring(middle + 1);
    }

    private static String ticketOf(String html) {
        Matcher m = Pattern.compile("name=\"ticket\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    /** Signs in on the login page from where /authorize sent the browser; returns the session and the way back. */
    private String[] signInFrom(Api.Reply toLogin) {
        assertThat(toLogin.status()).as(toLogin.body()).isEqualTo(303);
        String location = toLogin.header("Location").orElseThrow();
        assertThat(location).startsWith("/login?return_to=");
        String back = URLDecoder.decode(location.substring("/login?return_to=".length()), StandardCharsets.UTF_8);
        assertThat(back).startsWith("/authorize/continue?ticket=");
        Api.Reply signedIn = api.call("POST", "/login").form(Map.of("login", ALICE.get("email"), "password", ALICE.get("password"),
                "return_to", back)).send();
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.header("Location")).hasValue(back);
        return new String[] {signedIn.cookie(Steps.DEFAULT_COOKIE).orElseThrow(), back};
    }

    private Api.Reply consent(String session, String ticket, String decision) {
        return api.call("POST", "/authorize/consent").headers(Steps.cookie(session)).form(Map.of("ticket", ticket, "decision", decision)).send();
    }

    private Api.Reply exchange(String clientId, String clientSecret, String code, Map<String, String> extra) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", verifier.getValue()));
        form.putAll(extra);
        form.values().removeIf(String::isEmpty);
        Api.Call call = api.call("POST", "/token");
        if (clientSecret != null) {
            call.headers("Authorization", Api.basic(clientId, clientSecret));
        } else {
            form.put("client_id", clientId);
        }
        return call.form(form).send();
    }

    /** A visit of a browser that is not signed in: sign-in, consent unless given before, code. */
    private String[] codeAfterConsent(String clientId) {
        String[] signIn = signInFrom(authorize(request(clientId), Optional.empty()));
        Api.Reply consentPage = api.call("GET", signIn[1]).headers(Steps.cookie(signIn[0])).send();
        if (consentPage.status() == 303) {
            return new String[] {signIn[0], redirectParameters(consentPage).get("code")};
        }
        assertThat(consentPage.status()).as(consentPage.body()).isEqualTo(200);
        assertThat(consentPage.body()).contains("App " + clientId, "see your email address")
                .contains("you go back to <strong id=\"returns-to\">app.example.com</strong>");
        assertThat(consentPage.header("X-Frame-Options")).hasValue("DENY");
        Map<String, String> answer = redirectParameters(consent(signIn[0], ticketOf(consentPage.body()), "allow"));
        return new String[] {signIn[0], answer.get("code")};
    }

    @Test
    void aUserSignsInAllowsTheAppAndTheAppGetsVerifiedTokens() throws Exception {
        String[] signIn = signInFrom(authorize(request("webapp"), Optional.empty()));
        Api.Reply consentPage = api.call("GET", signIn[1]).headers(Steps.cookie(signIn[0])).send();
        Map<String, String> answer = redirectParameters(consent(signIn[0], ticketOf(consentPage.body()), "allow"));
        assertThat(answer).containsEntry("state", "state-123").containsEntry("iss", TestGatehouse.ISSUER).containsKey("code");

        Api.Reply tokens = exchange("webapp", secret, answer.get("code"), Map.of());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.header("Cache-Control")).hasValue("no-store");
        JsonNode body = tokens.json();
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("scope").asText()).isEqualTo("email openid profile");
        assertThat(body.has("refresh_token")).isFalse();

        SignedJWT idToken = SignedJWT.parse(body.path("id_token").asText());
        JWKSet keys = JWKSet.parse(api.get("/.well-known/jwks.json").body());
        JWSObject jws = idToken;
        assertThat(jws.verify(new DefaultJWSVerifierFactory().createJWSVerifier(idToken.getHeader(),
                keys.getKeyByKeyId(idToken.getHeader().getKeyID()).toECKey().toPublicKey()))).isTrue();
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(TestGatehouse.ISSUER);
        assertThat(claims.getAudience()).containsExactly("webapp");
        assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-456");
        assertThat(claims.getStringClaim("sid")).isNotBlank();
        assertThat(claims.getStringClaim("at_hash")).isNotBlank();
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(claims.getDateClaim("auth_time")).isNotNull();
        assertThat(claims.getStringClaim("email")).isEqualTo("alice@example.com");
        assertThat(claims.getBooleanClaim("email_verified")).isFalse();
        assertThat(idToken.getHeader().getType().getType()).isEqualTo("JWT");

        String access = body.path("access_token").asText();
        Api.Reply userInfo = api.call("GET", "/userinfo").headers("Authorization", "Bearer " + access).send();
        assertThat(userInfo.status()).as(userInfo.body()).isEqualTo(200);
        assertThat(userInfo.json().path("sub").asText()).isEqualTo(claims.getSubject());
        assertThat(userInfo.json().path("email").asText()).isEqualTo("alice@example.com");
        assertThat(api.call("GET", "/api/v1/users/me").headers("Authorization", "Bearer " + access).send().status())
                .as("a third-party app's token is for Gatehouse's OpenID endpoints only").isEqualTo(401);

        Map<String, String> again = redirectParameters(authorize(request("webapp"), Optional.of(signIn[0])));
        assertThat(again).as("signed in, and the app allowed before: straight back with a code").containsKey("code");
    }

    @Test
    void aCodeUsedTwiceIsRefusedAndWhatItGaveIsRevoked() {
        String[] visit = codeAfterConsent("webapp");
        String access = exchange("webapp", secret, visit[1], Map.of()).json().path("access_token").asText();
        assertThat(api.call("GET", "/userinfo").headers("Authorization", "Bearer " + access).send().status()).isEqualTo(200);

        Api.Reply again = exchange("webapp", secret, visit[1], Map.of());
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("error").asText()).isEqualTo("invalid_grant");
        Api.Reply revoked = api.call("GET", "/userinfo").headers("Authorization", "Bearer " + access).send();
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.header("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }

    @Test
    void aCodeNeedsItsClientItsRedirectUriItsVerifierAndTime() {
        String otherSecret = register("other", ClientType.CONFIDENTIAL, false).orElseThrow();
        for (Map.Entry<String, Map<String, String>> wrong : Map.<String, Map<String, String>>of(
                "other client", Map.of(),
                "wrong verifier", Map.of("code_verifier", new CodeVerifier().getValue()),
                "no verifier", Map.of("code_verifier", ""),
                "other redirect URI", Map.of("redirect_uri", "https://app.example.com/other"),
                "no redirect URI", Map.of("redirect_uri", "")).entrySet()) {
            String code = codeAfterConsent("webapp")[1];
            Api.Reply refused = wrong.getKey().equals("other client") ? exchange("other", otherSecret, code, Map.of())
                    : exchange("webapp", secret, code, wrong.getValue());
            assertThat(refused.status()).as(wrong.getKey() + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().path("error").asText()).as(wrong.getKey()).isEqualTo("invalid_grant");
            assertThat(exchange("webapp", secret, code, Map.of()).status()).as(wrong.getKey() + ": the code is used up").isEqualTo(400);
        }
        String late = codeAfterConsent("webapp")[1];
        gatehouse.clock.advance(AuthorizationEndpoint.CODE_TTL.plusSeconds(1));
        assertThat(exchange("webapp", secret, late, Map.of()).json().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aPublicClientUsesPkceAndNoSecret() {
        String code = codeAfterConsent("spa")[1];
        Api.Reply withSecret = exchange("spa", "guessed", code, Map.of());
        assertThat(withSecret.status()).isEqualTo(401);
        Api.Reply tokens = exchange("spa", null, codeAfterConsent("spa")[1], Map.of());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);

        Map<String, String> noPkce = request("spa");
        noPkce.remove("code_challenge");
        noPkce.remove("code_challenge_method");
        assertThat(redirectParameters(authorize(noPkce, Optional.empty()))).containsEntry("error", "invalid_request")
                .containsEntry("state", "state-123").containsEntry("iss", TestGatehouse.ISSUER);
        Map<String, String> plain = request("webapp");
        plain.put("code_challenge_method", "plain");
        assertThat(redirectParameters(authorize(plain, Optional.empty()))).containsEntry("error", "invalid_request");
        Map<String, String> noMethod = request("webapp");
        noMethod.remove("code_challenge_method");
        assertThat(redirectParameters(authorize(noMethod, Optional.empty()))).as("no method means plain").containsEntry("error", "invalid_request");
    }

    @Test
    void nothingGoesToAnUnregisteredRedirectUriOrAnUnknownClient() {
        for (Map.Entry<String, String> change : Map.of("redirect_uri", "https://evil.example.com/callback",
                "client_id", "nobody").entrySet()) {
            Map<String, String> p = request("webapp");
            p.put(change.getKey(), change.getValue());
            Api.Reply page = authorize(p, Optional.empty());
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.header("Location")).isEmpty();
            assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
        }
        for (String near : List.of(REDIRECT + "/", REDIRECT + "?x=1", "https://APP.example.com/callback", REDIRECT + "#f",
                "https://app.example.com:443/callback", "https://app.example.com/Callback")) {
            Map<String, String> p = request("webapp");
            p.put("redirect_uri", near);
            assertThat(authorize(p, Optional.empty()).status()).as(near).isEqualTo(400);
        }
        Api.Reply repeated = api.call("GET", "/authorize?" + query(request("webapp")) + "&redirect_uri="
                + URLEncoder.encode("https://evil.example.com/cb", StandardCharsets.UTF_8)).send();
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.header("Location")).isEmpty();
    }

    @Test
    void whatTheRequestAsksIsCheckedAndRefusedAtTheClient() {
        Map<String, Map.Entry<String, String>> cases = Map.of(
                "unsupported_response_type", Map.entry("response_type", "token"),
                "invalid_scope", Map.entry("scope", "openid admin"),
                "invalid_request", Map.entry("prompt", "none login"),
                "request_not_supported", Map.entry("request", "eyJ..."));
        cases.forEach((error, change) -> {
            Map<String, String> p = request("webapp");
            p.put(change.getKey(), change.getValue());
            assertThat(redirectParameters(authorize(p, Optional.empty()))).as(error).containsEntry("error", error)
                    .containsEntry("state", "state-123");
        });
        Map<String, String> silent = request("webapp");
        silent.put("prompt", "none");
        assertThat(redirectParameters(authorize(silent, Optional.empty()))).containsEntry("error", "login_required");
        String session = Steps.login(api, ALICE);
        assertThat(redirectParameters(authorize(silent, Optional.of(session)))).as("signed in, never asked")
                .containsEntry("error", "consent_required");
    }

    @Test
    void denyingConsentTellsTheAppAndAnotherSessionCannotAnswer() {
        String[] signIn = signInFrom(authorize(request("webapp"), Optional.empty()));
        String ticket = ticketOf(api.call("GET", signIn[1]).headers(Steps.cookie(signIn[0])).send().body());

        String otherSession = Steps.login(api, ALICE);
        Api.Reply forged = consent(otherSession, ticket, "allow");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.header("Location")).isEmpty();
        assertThat(consent(signIn[0], changedInTheMiddle(ticket), "allow").status()).isEqualTo(400);
        Api.Reply otherPage = api.call("POST", "/logout/confirm").headers(Steps.cookie(signIn[0]))
                .form(Map.of("ticket", ticket, "decision", "sign_out")).send();
        assertThat(otherPage.status()).as("a consent page's ticket answers no other page").isEqualTo(400);
        assertThat(sessionLive(signIn[0])).isTrue();

        assertThat(redirectParameters(consent(signIn[0], ticket, "deny"))).containsEntry("error", "access_denied")
                .containsEntry("state", "state-123");
    }

    @Test
    void maxAgeAndPromptLoginAskForAFreshSignIn() {
        String[] visit = codeAfterConsent("webapp");
        gatehouse.clock.advance(Duration.ofMinutes(10));
        Map<String, String> recent = request("webapp");
        recent.put("max_age", "60");
        Api.Reply toLogin = authorize(recent, Optional.of(visit[0]));
        assertThat(toLogin.header("Location").orElseThrow()).as("a sign-in ten minutes old is too old").startsWith("/login");
        String[] again = signInFrom(toLogin);
        Map<String, String> answer = redirectParameters(api.call("GET", again[1]).headers(Steps.cookie(again[0])).send());
        assertThat(answer).containsKey("code");

        gatehouse.clock.advance(Duration.ofSeconds(1));
        Map<String, String> login = request("webapp");
        login.put("prompt", "login");
        Api.Reply forced = authorize(login, Optional.of(again[0]));
        assertThat(forced.header("Location").orElseThrow()).startsWith("/login");
        String[] fresh = signInFrom(forced);
        assertThat(redirectParameters(api.call("GET", fresh[1]).headers(Steps.cookie(fresh[0])).send())).containsKey("code");
        assertThat(api.call("GET", fresh[1]).headers(Steps.cookie(again[0])).send().header("Location").orElseThrow())
                .as("the older session does not count for the ticket").startsWith("/login");
    }

    @Test
    void aFirstPartyAppSkipsConsent() {
        register("portal", ClientType.CONFIDENTIAL, true);
        String session = Steps.login(api, ALICE);
        assertThat(redirectParameters(authorize(request("portal"), Optional.of(session)))).containsKey("code");
    }

    @Test
    void discoveryNamesWhatIsServed() {
        JsonNode metadata = api.get("/.well-known/openid-configuration").json();
        assertThat(metadata.path("issuer").asText()).isEqualTo(TestGatehouse.ISSUER);
        assertThat(metadata.path("authorization_endpoint").asText()).endsWith("/authorize");
        assertThat(metadata.path("token_endpoint").asText()).endsWith("/token");
        assertThat(metadata.path("userinfo_endpoint").asText()).endsWith("/userinfo");
        assertThat(metadata.path("response_types_supported")).extracting(JsonNode::asText).containsExactly("code");
        assertThat(metadata.path("id_token_signing_alg_values_supported")).extracting(JsonNode::asText).containsExactly("ES256");
        assertThat(metadata.path("code_challenge_methods_supported")).extracting(JsonNode::asText).containsExactly("S256");
        assertThat(metadata.path("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        assertThat(metadata.path("backchannel_logout_supported").asBoolean()).isTrue();
        assertThat(metadata.path("backchannel_logout_session_supported").asBoolean()).isTrue();
    }

    private Api.Reply verifyAtTheProxy(String accessToken) {
        return api.call("GET", "/auth/verify").headers("X-Original-URI", "/orders", "X-Original-Method", "GET",
                "X-Forwarded-Host", "app.example.com", "Accept", "application/json", "Authorization", "Bearer " + accessToken).send();
    }

    @Test
    void onlyAFirstPartyAppsTokenOpensTheAppsBehindTheProxy() {
        String thirdParty = exchange("webapp", secret, codeAfterConsent("webapp")[1], Map.of()).json().path("access_token").asText();
        Api.Reply refused = verifyAtTheProxy(thirdParty);
        assertThat(refused.status()).as("a user who let an app know who they are did not let it act as them").isEqualTo(401);
        assertThat(refused.header("X-Auth-User")).isEmpty();

        String portalSecret = register("portal", ClientType.CONFIDENTIAL, true).orElseThrow();
        String session = Steps.login(api, ALICE);
        String code = redirectParameters(authorize(request("portal"), Optional.of(session))).get("code");
        String firstParty = exchange("portal", portalSecret, code, Map.of()).json().path("access_token").asText();
        Api.Reply allowed = verifyAtTheProxy(firstParty);
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.header("X-Auth-User")).hasValue("alice@example.com");
        assertThat(api.call("GET", "/userinfo").headers("Authorization", "Bearer " + firstParty).send().status()).isEqualTo(200);
        assertThat(api.call("GET", "/api/v1/users/me").headers("Authorization", "Bearer " + firstParty).send().status())
                .as("not even the operator's own app manages the account with a user's token").isEqualTo(403);

        api.call("POST", "/api/v1/auth/logout").headers(Steps.cookie(session)).send();
        assertThat(verifyAtTheProxy(firstParty).status()).as("signing out of Gatehouse ends the app's token").isEqualTo(401);
    }

    @Test
    void anEmptyOrOversizedStateOrNonceIsRefused() {
        for (Map.Entry<String, String> bad : List.of(Map.entry("state", ""), Map.entry("state", " "), Map.entry("state", "s".repeat(513)),
                Map.entry("nonce", ""), Map.entry("nonce", "n".repeat(256)))) {
            Map<String, String> p = request("webapp");
            p.put(bad.getKey(), bad.getValue());
            Map<String, String> answer = redirectParameters(authorize(p, Optional.empty()));
            assertThat(answer).as(bad.getKey() + " of " + bad.getValue().length()).containsEntry("error", "invalid_request");
            if (bad.getKey().equals("state")) {
                assertThat(answer).doesNotContainKey("state");
            }
        }
        Map<String, String> longest = request("webapp");
        longest.put("state", "s".repeat(512));
        longest.put("nonce", "n".repeat(255));
        longest.put("unknown_parameter", "u".repeat(3000));
        String[] signIn = signInFrom(authorize(longest, Optional.empty()));
        assertThat(signIn[1]).as("only the known parameters are carried").doesNotContain("uuuu").hasSizeLessThan(2048);
    }

    @Test
    void aCodeReplayedByAnotherClientRevokesNothing() {
        String otherSecret = register("other", ClientType.CONFIDENTIAL, false).orElseThrow();
        String code = codeAfterConsent("webapp")[1];
        String access = exchange("webapp", secret, code, Map.of()).json().path("access_token").asText();
        assertThat(exchange("other", otherSecret, code, Map.of()).json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(api.call("GET", "/userinfo").headers("Authorization", "Bearer " + access).send().status()).isEqualTo(200);
    }

    @Test
    void aLoginHintFillsInTheSignInForm() {
        Map<String, String> hinted = request("webapp");
        hinted.put("login_hint", "alice@example.com");
        Api.Reply toLogin = authorize(hinted, Optional.empty());
        String location = toLogin.header("Location").orElseThrow();
        assertThat(location).contains("&login_hint=alice%40example.com");

        assertThat(api.get(location).body()).contains("name=\"login\" value=\"alice@example.com\"");
        assertThat(api.get("/login?login_hint=%22%3E%3Cscript%3E").body()).contains("value=\"&quot;&gt;&lt;script&gt;\"")
                .doesNotContain("\"><script>");
        assertThat(api.get("/login?login_hint=a%0Ab").body()).contains("name=\"login\" value=\"\"");
    }

    @Test
    void anIssuerWithAPathHasItsDocumentWhereEitherSpecLooksForIt() {
        try (TestGatehouse withPath = TestGatehouse.inMemory(Map.of("AUTH_TYPE", "jwt,session", "JWT_ALGORITHM", "ES256",
                "GATEHOUSE_ISSUER", "https://auth.example.com/sso"))) {
            Api pathApi = withPath.api();
            JsonNode atRoot = pathApi.get("/.well-known/openid-configuration").json();
            assertThat(atRoot.path("issuer").asText()).isEqualTo("https://auth.example.com/sso");
            for (String path : List.of("/sso/.well-known/openid-configuration", "/.well-known/openid-configuration/sso",
                    "/.well-known/oauth-authorization-server/sso", "/.well-known/oauth-authorization-server")) {
                Api.Reply document = pathApi.get(path);
                assertThat(document.status()).as(path).isEqualTo(200);
                assertThat(document.json()).as(path).isEqualTo(atRoot);
            }
            assertThat(pathApi.get("/.well-known/openid-configuration/other").status()).isEqualTo(404);
        }
    }

    @Test
    void withAnHmacKeyThereIsNoOpenIdProvider() {
        try (TestGatehouse hmac = TestGatehouse.inMemory(Map.of("AUTH_TYPE", "jwt,session", "JWT_ALGORITHM", "HS256"))) {
            assertThat(hmac.api().get("/.well-known/openid-configuration").status()).isEqualTo(404);
            assertThat(hmac.api().get("/authorize?" + query(request("webapp"))).status()).isEqualTo(404);
            JsonNode ownApi = hmac.api().get("/.well-known/oauth-authorization-server").json();
            assertThat(ownApi.path("token_endpoint").asText()).as("Gatehouse's own token API").endsWith("/api/v1/auth/token");
            assertThat(ownApi.has("authorization_endpoint")).isFalse();
        }
    }

    /** A finished visit to the app: the browser's session, the app's ID token and access token. */
    private String[] signedInToTheApp() {
        String[] visit = codeAfterConsent("webapp");
        JsonNode tokens = exchange("webapp", secret, visit[1], Map.of()).json();
        return new String[] {visit[0], tokens.path("id_token").asText(), tokens.path("access_token").asText()};
    }

    private Api.Reply logout(Map<String, String> parameters, String session) {
        return api.call("GET", "/logout?" + query(parameters)).headers(Steps.cookie(session)).send();
    }

    private boolean sessionLive(String session) {
        return api.call("GET", "/api/v1/users/me").headers(Steps.cookie(session)).send().status() == 200;
    }

    @Test
    void anAppSignsTheUserOutWithTheIdTokenOfThisSignIn() {
        String[] app = signedInToTheApp();

        Api.Reply out = logout(Map.of("id_token_hint", app[1], "post_logout_redirect_uri", AFTER_LOGOUT, "state", "bye-1"), app[0]);

        assertThat(out.status()).as(out.body()).isEqualTo(303);
        assertThat(out.header("Location")).hasValue(AFTER_LOGOUT + "?state=bye-1");
        assertThat(out.header("Set-Cookie").orElseThrow()).startsWith(Steps.DEFAULT_COOKIE + "=;");
        assertThat(sessionLive(app[0])).isFalse();
        assertThat(api.call("GET", "/userinfo").headers("Authorization", "Bearer " + app[2]).send().status())
                .as("the app's token of that sign-in ends with it").isEqualTo(401);
        JsonNode metadata = api.get("/.well-known/openid-configuration").json();
        assertThat(metadata.path("end_session_endpoint").asText()).endsWith("/logout");
    }

    @Test
    void withoutProofOfThisSignInTheUserIsAskedAndOnlyTheirSessionMayAnswer() {
        String[] app = signedInToTheApp();
        Api.Reply page = logout(Map.of("client_id", "webapp", "post_logout_redirect_uri", AFTER_LOGOUT), app[0]);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("App webapp asks to sign you out");
        assertThat(sessionLive(app[0])).as("a link alone signs no one out").isTrue();
        String ticket = ticketOf(page.body());

        String other = Steps.login(api, ALICE);
        Api.Reply forged = api.call("POST", "/logout/confirm").headers(Steps.cookie(other))
                .form(Map.of("ticket", ticket, "decision", "sign_out")).send();
        assertThat(forged.status()).isEqualTo(400);
        assertThat(sessionLive(app[0])).isTrue();

        Api.Reply confirmed = api.call("POST", "/logout/confirm").headers(Steps.cookie(app[0]))
                .form(Map.of("ticket", ticket, "decision", "sign_out")).send();
        assertThat(confirmed.status()).isEqualTo(303);
        assertThat(confirmed.header("Location")).hasValue(AFTER_LOGOUT);
        assertThat(sessionLive(app[0])).isFalse();
        assertThat(sessionLive(other)).as("another browser's session stays").isTrue();
    }

    @Test
    void aSignOutRequestNeverRedirectsWhereTheAppDidNotRegister() {
        String[] app = signedInToTheApp();
        String[] otherApp = signedInToTheApp();
        for (Map<String, String> bad : List.of(
                Map.of("id_token_hint", app[1], "post_logout_redirect_uri", "https://evil.example.com/"),
                Map.of("id_token_hint", app[1], "post_logout_redirect_uri", AFTER_LOGOUT + "/"),
                Map.of("post_logout_redirect_uri", AFTER_LOGOUT),
                Map.of("client_id", "spa", "id_token_hint", app[1], "post_logout_redirect_uri", AFTER_LOGOUT),
                Map.of("client_id", "nobody", "post_logout_redirect_uri", AFTER_LOGOUT),
                Map.of("id_token_hint", app[1].substring(0, app[1].length() - 4) + "AAAA"),
                Map.of("id_token_hint", app[2]),
                Map.of("id_token_hint", app[1], "post_logout_redirect_uri", AFTER_LOGOUT, "state", ""))) {
            Api.Reply refused = logout(bad, app[0]);
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.header("Location")).isEmpty();
        }
        assertThat(sessionLive(app[0])).isTrue();
        Api.Reply notThisSignIn = logout(Map.of("id_token_hint", otherApp[1], "post_logout_redirect_uri", AFTER_LOGOUT), app[0]);
        assertThat(notThisSignIn.status()).as("another sign-in's ID token proves nothing here").isEqualTo(200);
        assertThat(sessionLive(app[0])).isTrue();
    }

    @Test
    void anAppMayPostTheSignOutFromItsOwnSiteWhereTheBrowserKeepsTheCookieBack() {
        String[] app = signedInToTheApp();
        // A browser sends no SameSite=Lax cookie with a POST from another site: the ID token names the session.
        Api.Reply out = api.call("POST", "/logout").headers("Origin", "https://app.example.com", "Sec-Fetch-Site", "cross-site")
                .form(Map.of("id_token_hint", app[1], "post_logout_redirect_uri", AFTER_LOGOUT)).send();
        assertThat(out.status()).as(out.body()).isEqualTo(303);
        assertThat(out.header("Location")).hasValue(AFTER_LOGOUT);
        assertThat(sessionLive(app[0])).as("the session the hint names ended").isFalse();
        assertThat(api.call("GET", "/userinfo").headers("Authorization", "Bearer " + app[2]).send().status()).isEqualTo(401);

        String other = Steps.login(api, ALICE);
        Api.Reply noProof = api.call("POST", "/logout").headers("Origin", "https://evil.example.com", "Sec-Fetch-Site", "cross-site")
                .form(Map.of()).send();
        assertThat(noProof.status()).isEqualTo(200);
        assertThat(noProof.body()).contains("href=\"/logout?\"");
        assertThat(noProof.header("Set-Cookie")).as("a cookie the request did not show is not cleared").isEmpty();
        assertThat(sessionLive(other)).as("another site's form signs no one out").isTrue();

        Api.Reply crossSiteConfirm = api.call("POST", "/logout/confirm").headers("Origin", "https://evil.example.com")
                .form(Map.of("ticket", "x", "decision", "sign_out")).send();
        assertThat(crossSiteConfirm.status()).as("the confirmation is this site's own form").isEqualTo(403);
    }

    @Test
    void aBrowserWithoutAnAppIsAskedOrToldItIsSignedOut() {
        assertThat(api.get("/logout").body()).contains("You are signed out");
        String session = Steps.login(api, ALICE);
        Api.Reply page = api.call("GET", "/logout").headers(Steps.cookie(session)).send();
        assertThat(page.body()).contains("Sign out?");
        Api.Reply confirmed = api.call("POST", "/logout/confirm").headers(Steps.cookie(session))
                .form(Map.of("ticket", ticketOf(page.body()), "decision", "sign_out")).send();
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("You are signed out");
        assertThat(sessionLive(session)).isFalse();
    }

    private String registerWithRefresh(String id, boolean firstParty) {
        return registerWithRefresh(id, firstParty, Optional.empty());
    }

    private String registerWithRefresh(String id, boolean firstParty, Optional<Duration> refreshTtl) {
        ClientChange change = gatehouse.clients.register(new ClientRegistration(Optional.of(id), "App " + id, ClientType.CONFIDENTIAL, Optional.empty(),
                List.of(REDIRECT), List.of(), Optional.empty(), Set.of("openid", "profile", "email", "offline_access"),
                Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), firstParty, Optional.empty(), refreshTtl));
        return ((ClientChange.Saved) change).secret().orElseThrow();
    }

    private Api.Reply refresh(String clientId, String clientSecret, String refreshToken, String scope) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        if (scope != null) {
            form.put("scope", scope);
        }
        return api.call("POST", "/token").headers("Authorization", Api.basic(clientId, clientSecret)).form(form).send();
    }

    private JsonNode offlineTokens(String clientId, String clientSecret) {
        Map<String, String> p = request(clientId);
        p.put("scope", "openid email offline_access");
        String[] signIn = signInFrom(authorize(p, Optional.empty()));
        Api.Reply page = api.call("GET", signIn[1]).headers(Steps.cookie(signIn[0])).send();
        Map<String, String> answer = page.status() == 303 ? redirectParameters(page)
                : redirectParameters(consent(signIn[0], ticketOf(page.body()), "allow"));
        return exchange(clientId, clientSecret, answer.get("code"), Map.of()).json();
    }

    @Test
    void offlineAccessGivesARefreshTokenThatRotatesNarrowsAndDetectsReuse() {
        String mailSecret = registerWithRefresh("mail", false);
        JsonNode first = offlineTokens("mail", mailSecret);
        String refreshToken = first.path("refresh_token").asText();
        assertThat(refreshToken).isNotBlank();

        assertThat(refresh("mail", mailSecret, refreshToken, "openid email admin").json().path("error").asText())
                .as("no scope the family was not granted").isEqualTo("invalid_scope");
        Api.Reply narrowed = refresh("mail", mailSecret, refreshToken, "openid");
        assertThat(narrowed.status()).as("the refused escalation spent nothing: " + narrowed.body()).isEqualTo(200);
        assertThat(narrowed.json().path("scope").asText()).isEqualTo("openid");
        String next = narrowed.json().path("refresh_token").asText();
        assertThat(next).isNotEqualTo(refreshToken);
        Api.Reply again = refresh("mail", mailSecret, next, null);
        assertThat(again.json().path("scope").asText()).as("the family keeps what was granted").isEqualTo("email offline_access openid");

        assertThat(refresh("mail", mailSecret, next, null).json().path("error").asText()).as("a spent token").isEqualTo("invalid_grant");
        assertThat(refresh("mail", mailSecret, again.json().path("refresh_token").asText(), null).json().path("error").asText())
                .as("reuse revoked the whole family").isEqualTo("invalid_grant");
    }

    @Test
    void aClientsOwnShorterRefreshLifetimeEndsItsFamilies() {
        String secretOfShort = registerWithRefresh("short", false, Optional.of(Duration.ofHours(1)));
        String refreshToken = offlineTokens("short", secretOfShort).path("refresh_token").asText();
        gatehouse.clock.advance(Duration.ofMinutes(59));
        Api.Reply renewed = refresh("short", secretOfShort, refreshToken, null);
        assertThat(renewed.status()).isEqualTo(200);
        gatehouse.clock.advance(Duration.ofMinutes(2));
        assertThat(refresh("short", secretOfShort, renewed.json().path("refresh_token").asText(), null).json().path("error").asText())
                .as("the family ends an hour after it began, rotation or not").isEqualTo("invalid_grant");
    }

    @Test
    void aRefreshTokenServesOnlyItsOwnClientAndEndpoint() {
        String mailSecret = registerWithRefresh("mail", false);
        String otherSecret = registerWithRefresh("other", false);
        String refreshToken = offlineTokens("mail", mailSecret).path("refresh_token").asText();

        assertThat(refresh("other", otherSecret, refreshToken, null).json().path("error").asText()).isEqualTo("invalid_grant");
        Api.Reply own = api.postForm("/api/v1/auth/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        assertThat(own.status()).as("a client's family is never renewed as Gatehouse's own sign-in").isEqualTo(400);
        assertThat(refresh("mail", mailSecret, refreshToken, null).status()).as("neither refusal spent it").isEqualTo(200);

        Api.Reply gatehouseLogin = api.postJson("/api/v1/auth/login", ALICE);
        String ownRefresh = gatehouseLogin.json().path("refresh_token").asText();
        assertThat(refresh("mail", mailSecret, ownRefresh, null).json().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aThirdPartyAppWithoutOfflineAccessGetsNoRefreshTokenAndAFirstPartysEndsWithTheSession() {
        String mailSecret = registerWithRefresh("mail", false);
        String code = codeAfterConsent("mail")[1];
        assertThat(exchange("mail", mailSecret, code, Map.of()).json().has("refresh_token")).isFalse();

        String portalSecret = registerWithRefresh("portal", true);
        String session = Steps.login(api, ALICE);
        String portalCode = redirectParameters(authorize(request("portal"), Optional.of(session))).get("code");
        String refreshToken = exchange("portal", portalSecret, portalCode, Map.of()).json().path("refresh_token").asText();
        assertThat(refreshToken).isNotBlank();
        api.call("POST", "/api/v1/auth/logout").headers(Steps.cookie(session)).send();
        assertThat(refresh("portal", portalSecret, refreshToken, null).json().path("error").asText())
                .as("signing out ends the first-party app's family").isEqualTo("invalid_grant");
    }

    @Test
    void aCodeUsedTwiceAlsoEndsTheRefreshTokenItGave() {
        String mailSecret = registerWithRefresh("mail", false);
        Map<String, String> p = request("mail");
        p.put("scope", "openid offline_access");
        String session = codeAfterConsent("mail")[0];
        Api.Reply page = authorize(p, Optional.of(session));
        Map<String, String> answer = page.status() == 303 ? redirectParameters(page)
                : redirectParameters(consent(session, ticketOf(page.body()), "allow"));
        String refreshToken = exchange("mail", mailSecret, answer.get("code"), Map.of()).json().path("refresh_token").asText();
        assertThat(exchange("mail", mailSecret, answer.get("code"), Map.of()).status()).isEqualTo(400);
        assertThat(refresh("mail", mailSecret, refreshToken, null).json().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aSinglePageAppOnAnotherOriginMayCallTheTokenAndUserinfoEndpointsWithoutCredentials() {
        String origin = "https://spa.example.com";
        Api.Reply preflight = api.call("OPTIONS", "/userinfo").headers("Origin", origin, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization").send();
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.header("Access-Control-Allow-Headers").orElseThrow()).contains("Authorization");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEmpty();

        String code = codeAfterConsent("spa")[1];
        Api.Reply tokens = api.call("POST", "/token").headers("Origin", origin, "Sec-Fetch-Site", "cross-site")
                .form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", verifier.getValue(),
                        "client_id", "spa")).send();
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.header("Access-Control-Allow-Origin")).hasValue("*");
        Api.Reply userInfo = api.call("GET", "/userinfo").headers("Origin", origin, "Authorization", "Bearer "
                + tokens.json().path("access_token").asText()).send();
        assertThat(userInfo.header("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(api.call("GET", "/api/v1/users/me").headers("Origin", origin).send().header("Access-Control-Allow-Origin"))
                .as("Gatehouse's own API stays closed to other origins").isEmpty();
        assertThat(api.call("OPTIONS", "/authorize/consent").headers("Origin", origin).send().header("Access-Control-Allow-Origin")).isEmpty();
    }

    /**
     * Back-channel logout: an app that registered a URI is sent a logout token, over real HTTP to
     * a server of the test's, whenever a session it signed in ends; checked as an app would check
     * it, with the SDK's logout token verifier.
     */
    @Nested
    class BackChannel {
        private static final String SESSION_DURATION = String.valueOf(Duration.ofHours(12).toSeconds());
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
        private final AtomicInteger followed = new AtomicInteger();
        private HttpServer app;
        private String appSecret;

        @BeforeEach
        void startTheApp() throws IOException {
            gatehouse.close();
            start(Map.of("SESSION_DURATION", SESSION_DURATION));
            app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            app.createContext("/backchannel", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(exchange.getRequestMethod()).isEqualTo("POST");
                assertThat(exchange.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
                assertThat(body).startsWith("logout_token=").doesNotContain("&");
                received.add(URLDecoder.decode(body.substring("logout_token=".length()), StandardCharsets.UTF_8));
                int status = Optional.ofNullable(answers.poll()).orElse(200);
                if (status == 302) {
                    exchange.getResponseHeaders().add("Location", "/elsewhere");
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            app.createContext("/elsewhere", exchange -> {
                followed.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            app.start();
            appSecret = register("bcl", ClientType.CONFIDENTIAL, false,
                    Optional.of("http://127.0.0.1:" + app.getAddress().getPort() + "/backchannel")).orElseThrow();
        }

        @AfterEach
        void stopTheApp() {
            app.stop(0);
        }

        private BackChannelLogout.Report deliver() {
            return gatehouse.openId.endpoints().orElseThrow().backChannelLogout().deliverDue();
        }

        /** Signs in to the app in a new browser session; returns the session cookie and the ID token's claims. */
        private Object[] signIn() throws Exception {
            String[] visit = codeAfterConsent("bcl");
            Api.Reply tokens = exchange("bcl", appSecret, visit[1], Map.of());
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
            return new Object[] {visit[0], SignedJWT.parse(tokens.json().path("id_token").asText()).getJWTClaimsSet()};
        }

        private LogoutTokenClaimsSet verified(String token) throws Exception {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt")));
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                    new ImmutableJWKSet<>(JWKSet.parse(api.get("/.well-known/jwks.json").body()))));
            // The SDK's own rules for a logout token, at the test's time rather than the machine's.
            LogoutTokenClaimsVerifier rules = new LogoutTokenClaimsVerifier(new Issuer(TestGatehouse.ISSUER), new ClientID("bcl")) {
                @Override
                protected Date currentTime() {
                    return Date.from(gatehouse.clock.instant());
                }
            };
            processor.setJWTClaimsSetVerifier(rules::verify);
            return new LogoutTokenClaimsSet(processor.process(token, null));
        }

        @Test
        void signingOutSendsTheAppASignedLogoutTokenForThatSessionOnce() throws Exception {
            Object[] signIn = signIn();
            JWTClaimsSet idToken = (JWTClaimsSet) signIn[1];
            assertThat(deliver()).isEqualTo(new BackChannelLogout.Report(0, 0, 0));

            assertThat(api.call("POST", "/api/v1/auth/logout").headers(Steps.cookie((String) signIn[0])).send().status()).isEqualTo(204);
            assertThat(deliver()).isEqualTo(new BackChannelLogout.Report(1, 0, 0));

            String token = received.poll();
            LogoutTokenClaimsSet claims = verified(token);
            assertThat(claims.getSessionID().getValue()).isEqualTo(idToken.getStringClaim("sid"));
            assertThat(claims.getSubject().getValue()).isEqualTo(idToken.getSubject());
            assertThat(claims.getJWTID()).isNotNull();
            JWTClaimsSet raw = SignedJWT.parse(token).getJWTClaimsSet();
            assertThat(raw.getClaim("nonce")).isNull();
            assertThat(raw.getJSONObjectClaim("events")).containsOnlyKeys("http://schemas.openid.net/event/backchannel-logout");
            assertThat(Duration.between(raw.getIssueTime().toInstant(), raw.getExpirationTime().toInstant())).isEqualTo(Duration.ofMinutes(2));
            assertThat(deliver()).isEqualTo(new BackChannelLogout.Report(0, 0, 0));
            assertThat(received).isEmpty();
        }

        @Test
        void signingOutEverywhereTellsTheAppOfEverySession() throws Exception {
            Object[] first = signIn();
            Object[] second = signIn();

            assertThat(api.call("DELETE", "/api/v1/sessions").headers(Steps.cookie((String) second[0])).send().status()).isEqualTo(204);
            assertThat(deliver().delivered()).isEqualTo(2);

            Set<String> sids = Set.of(verified(received.poll()).getSessionID().getValue(), verified(received.poll()).getSessionID().getValue());
            assertThat(sids).containsExactlyInAnyOrder(((JWTClaimsSet) first[1]).getStringClaim("sid"),
                    ((JWTClaimsSet) second[1]).getStringClaim("sid"));
        }

        @Test
        void aSessionThatExpiresIsToldOfOnceItHas() throws Exception {
            signIn();
            gatehouse.clock.advance(Duration.ofMinutes(1));
            assertThat(deliver()).as("looked at once soon after the sign-in, and live").isEqualTo(new BackChannelLogout.Report(0, 0, 1));

            gatehouse.clock.advance(Duration.ofHours(11).plusMinutes(29));
            assertThat(deliver()).as("looked at again within the hour while live").isEqualTo(new BackChannelLogout.Report(0, 0, 1));
            gatehouse.clock.advance(Duration.ofMinutes(30));
            assertThat(deliver()).as("expired, but not judged before a minute's grace").isEqualTo(new BackChannelLogout.Report(0, 0, 0));
            gatehouse.clock.advance(Duration.ofMinutes(1));
            assertThat(deliver()).as("a minute past the expiry").isEqualTo(new BackChannelLogout.Report(1, 0, 0));
            assertThat(verified(received.poll()).getSubject()).isNotNull();
        }

        @Test
        void aFailedDeliveryIsTriedAgainLaterAndARefusalIsNot() throws Exception {
            answers.add(503);
            Object[] signIn = signIn();
            api.call("POST", "/api/v1/auth/logout").headers(Steps.cookie((String) signIn[0])).send();

            assertThat(deliver()).isEqualTo(new BackChannelLogout.Report(0, 1, 0));
            assertThat(deliver()).as("not again at once").isEqualTo(new BackChannelLogout.Report(0, 0, 0));
            gatehouse.clock.advance(Duration.ofSeconds(10));
            assertThat(deliver()).isEqualTo(new BackChannelLogout.Report(1, 0, 0));
            String firstTry = received.poll();
            String secondTry = received.poll();
            assertThat(verified(secondTry).getJWTID()).isNotEqualTo(verified(firstTry).getJWTID());

            answers.add(400);
            Object[] refused = signIn();
            api.call("POST", "/api/v1/auth/logout").headers(Steps.cookie((String) refused[0])).send();
            assertThat(deliver()).isEqualTo(new BackChannelLogout.Report(0, 1, 0));
            gatehouse.clock.advance(Duration.ofHours(3));
            assertThat(deliver()).as("a client that refused the token is not asked again").isEqualTo(new BackChannelLogout.Report(0, 0, 0));
            assertThat(received).hasSize(1);
        }

        @Test
        void aDeliveryThatNeverSucceedsIsGivenUp() throws Exception {
            for (int i = 0; i <= BackChannelLogout.RETRIES.size(); i++) {
                answers.add(500);
            }
            Object[] signIn = signIn();
            api.call("POST", "/api/v1/auth/logout").headers(Steps.cookie((String) signIn[0])).send();

            for (Duration wait : BackChannelLogout.RETRIES) {
                assertThat(deliver().failed()).isEqualTo(1);
                gatehouse.clock.advance(wait);
            }
            assertThat(deliver().failed()).isEqualTo(1);
            gatehouse.clock.advance(Duration.ofDays(1));
            assertThat(deliver()).isEqualTo(new BackChannelLogout.Report(0, 0, 0));
            assertThat(received).hasSize(BackChannelLogout.RETRIES.size() + 1);
        }

        @Test
        void aRedirectIsNotFollowed() throws Exception {
            answers.add(302);
            Object[] signIn = signIn();
            api.call("POST", "/api/v1/auth/logout").headers(Steps.cookie((String) signIn[0])).send();

            assertThat(deliver()).isEqualTo(new BackChannelLogout.Report(0, 1, 0));
            assertThat(followed).hasValue(0);
            gatehouse.clock.advance(Duration.ofHours(3));
            assertThat(deliver()).isEqualTo(new BackChannelLogout.Report(0, 0, 0));
        }

        @Test
        void anAppThatIsGoneOrNeverAskedIsToldNothing() throws Exception {
            Object[] signIn = signIn();
            assertThat(gatehouse.clients.delete("bcl")).isTrue();
            String otherSession = codeAfterConsent("webapp")[0];
            assertThat(exchange("webapp", secret, codeAfterConsent("webapp")[1], Map.of()).status()).isEqualTo(200);

            api.call("POST", "/api/v1/auth/logout").headers(Steps.cookie((String) signIn[0])).send();
            api.call("POST", "/api/v1/auth/logout").headers(Steps.cookie(otherSession)).send();
            assertThat(deliver()).isEqualTo(new BackChannelLogout.Report(0, 0, 0));
            assertThat(received).isEmpty();
        }
    }
}
