package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.testing.SpawnsProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole sign-in to another app in a real browser (Debian's headless Chromium through
 * chromedriver): the app sends the browser to {@code /authorize}, the user signs in on
 * Gatehouse's page and allows the app, the app exchanges the code (checking the ID token with the
 * Nimbus SDK's validator) and shows who signed in; signing out at the app sends the browser to
 * Gatehouse's end-session endpoint and back, and Gatehouse then sends the app a logout token. A first-party app then signs the same user in with no
 * page at all. What a browser enforces and a hand-made client does not (cookie rules, the pages'
 * Content-Security-Policy on the redirects after their forms) is exercised here.
 */
@SpawnsProcesses
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenIdBrowserFlowTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String USER_EMAIL = "grace@example.com";
    private static final String USER_PASSWORD = "grace's long password";

    @TempDir
    static Path dir;
    private OpenIdTestServer gatehouse;
    private String issuer;
    private final HttpClient http = HttpClient.newHttpClient();
    private WebDriver browser;

    @BeforeAll
    void start() throws Exception {
        gatehouse = OpenIdTestServer.start(dir);
        issuer = gatehouse.issuer();
        gatehouse.addUser(USER_EMAIL, USER_PASSWORD, "Grace Hopper");
        browser = startBrowser();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    /** Each test begins signed out: the browser forgets Gatehouse's session cookie. */
    @BeforeEach
    void signedOut() {
        browser.get(issuer + "/api/v1/status");
        browser.manage().deleteAllCookies();
    }

    private static WebDriver startBrowser() {
        Path chromium = Executables.require("chromium", List.of("/usr/bin"), "Debian: apt-get install chromium chromium-driver");
        Path driver = Executables.require("chromedriver", List.of("/usr/bin"), "Debian: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // No sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // A click that submits a form returns before the next page has loaded: each step looks for
        // an element only the next page has, which waits (up to this long) until it is there.
        chrome.manage().timeouts().implicitlyWait(Duration.ofSeconds(15));
        return chrome;
    }

    private String register(String clientId, int appPort, boolean firstParty) throws Exception {
        String app = "http://127.0.0.1:" + appPort;
        return gatehouse.register(Map.of("client_id", clientId, "client_name", "Team Wiki", "redirect_uris", List.of(app + "/callback"),
                "post_logout_redirect_uris", List.of(app + "/bye"), "backchannel_logout_uri", app + "/backchannel",
                "scope", "openid email", "first_party", firstParty))
                .path("client_secret").asText();
    }

    @Test
    void aUserSignsInToAnAppAllowsItAndSignsOutAgain() throws Exception {
        try (RelyingParty app = RelyingParty.start(issuer, "wiki", http)) {
            app.secret = register("wiki", app.port(), false);

            browser.get(app.url("/"));
            assertThat(browser.getCurrentUrl()).startsWith(issuer + "/login");
            browser.findElement(By.name("login")).sendKeys(USER_EMAIL);
            browser.findElement(By.name("password")).sendKeys(USER_PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();

            WebElement allow = browser.findElement(By.cssSelector("button[value=allow]"));
            assertThat(browser.getCurrentUrl()).startsWith(issuer + "/authorize/continue");
            assertThat(browser.getPageSource()).contains("Allow Team Wiki?", "see your email address");
            allow.click();

            assertThat(browser.findElement(By.id("user")).getText()).isEqualTo(USER_EMAIL);
            assertThat(browser.getCurrentUrl()).startsWith(app.url("/callback"));

            browser.findElement(By.id("sign-out")).click();
            assertThat(browser.findElement(By.id("bye")).getText()).contains("Signed out of the wiki");
            assertThat(browser.getCurrentUrl()).isEqualTo(app.url("/bye") + "?state=" + app.logoutState);

            browser.get(app.url("/"));
            assertThat(browser.getCurrentUrl()).as("the Gatehouse session ended: sign in again").startsWith(issuer + "/login");

            // The server looks for due logout tokens every second; this waits for the app to be sent one.
            LogoutTokenClaimsSet logout = app.logoutTokens.poll(30, TimeUnit.SECONDS);
            assertThat(logout).as("a back-channel logout token").isNotNull();
            assertThat(logout.getSessionID().getValue()).isEqualTo(app.sessionId);
            assertThat(logout.getSubject().getValue()).isEqualTo(app.subject);
        }
    }

    @Test
    void aSignedInUserGetsIntoAFirstPartyAppWithNoPageInBetween() throws Exception {
        try (RelyingParty portal = RelyingParty.start(issuer, "portal", http)) {
            portal.secret = register("portal", portal.port(), true);
            browser.get(portal.url("/"));
            assertThat(browser.getCurrentUrl()).startsWith(issuer + "/login");
            browser.findElement(By.name("login")).sendKeys(USER_EMAIL);
            browser.findElement(By.name("password")).sendKeys(USER_PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            // From the sign-in form straight on to the app: a form-action rule on the page would stop this redirect.
            assertThat(browser.findElement(By.id("user")).getText()).as(browser.getPageSource()).isEqualTo(USER_EMAIL);
            assertThat(browser.getCurrentUrl()).startsWith(portal.url("/callback"));

            browser.get(portal.url("/"));
            assertThat(browser.getCurrentUrl()).as("signed in already: no page at all").startsWith(portal.url("/callback"));
        }
    }

    /**
     * A small app that signs its users in with Gatehouse: the code flow with PKCE, state and nonce,
     * the ID token checked with the Nimbus SDK's validator against Gatehouse's JWKS, a sign-out
     * link to the end-session endpoint with the ID token as hint.
     */
    static final class RelyingParty implements AutoCloseable {
        private final HttpServer server;
        private final String issuer;
        private final String clientId;
        private final HttpClient http;
        private final Map<String, String[]> pending = new ConcurrentHashMap<>();
        volatile String secret;
        volatile String logoutState = "bye-" + System.nanoTime();
        /** The {@code sid} and {@code sub} of the last sign-in's ID token. */
        volatile String sessionId;
        volatile String subject;
        /** The logout tokens Gatehouse sent, each validated with the SDK's logout token validator. */
        final BlockingQueue<LogoutTokenClaimsSet> logoutTokens = new LinkedBlockingQueue<>();

        private RelyingParty(HttpServer server, String issuer, String clientId, HttpClient http) {
            this.server = server;
            this.issuer = issuer;
            this.clientId = clientId;
            this.http = http;
        }

        static RelyingParty start(String issuer, String clientId, HttpClient http) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RelyingParty app = new RelyingParty(server, issuer, clientId, http);
            server.createContext("/", exchange -> app.handle(exchange));
            server.start();
            return app;
        }

        int port() {
            return server.getAddress().getPort();
        }

        String url(String path) {
            return "http://127.0.0.1:" + port() + path;
        }

        private void handle(HttpExchange exchange) throws IOException {
            try {
                String path = exchange.getRequestURI().getPath();
                switch (path) {
                    case "/" -> signIn(exchange);
                    case "/callback" -> callback(exchange);
                    case "/bye" -> respond(exchange, 200, "<!doctype html><title>Bye</title><p id=bye>Signed out of the wiki</p>");
                    case "/backchannel" -> backChannelLogout(exchange);
                    default -> respond(exchange, 404, "not found");
                }
            } catch (Exception e) {
                respond(exchange, 500, "<!doctype html><title>Error</title><p id=error>" + e + "</p>");
            }
        }

        private void signIn(HttpExchange exchange) throws IOException {
            CodeVerifier verifier = new CodeVerifier();
            String state = "s" + System.nanoTime();
            String nonce = "n" + System.nanoTime();
            pending.put(state, new String[] {verifier.getValue(), nonce});
            String location = issuer + "/authorize?response_type=code&client_id=" + clientId + "&scope=openid%20email&redirect_uri="
                    + URLEncoder.encode(url("/callback"), StandardCharsets.UTF_8) + "&state=" + state + "&nonce=" + nonce
                    + "&code_challenge=" + CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue() + "&code_challenge_method=S256";
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        }

        private void callback(HttpExchange exchange) throws Exception {
            Map<String, String> query = new HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            String[] expected = pending.remove(query.get("state"));
            if (expected == null || !issuer.equals(query.get("iss"))) {
                respond(exchange, 400, "unknown state or wrong issuer");
                return;
            }
            String form = "grant_type=authorization_code&code=" + URLEncoder.encode(query.get("code"), StandardCharsets.UTF_8)
                    + "&redirect_uri=" + URLEncoder.encode(url("/callback"), StandardCharsets.UTF_8) + "&code_verifier=" + expected[0];
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(issuer + "/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode tokens = MAPPER.readTree(token.body());
            String idToken = tokens.path("id_token").asText();
            IDTokenClaimsSet claims = new IDTokenValidator(new Issuer(issuer), new ClientID(clientId), JWSAlgorithm.ES256,
                    URI.create(issuer + "/.well-known/jwks.json").toURL()).validate(JWTParser.parse(idToken), new Nonce(expected[1]));
            String email = claims.getStringClaim("email");
            sessionId = claims.getSessionID().getValue();
            subject = claims.getSubject().getValue();
            String signOut = issuer + "/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                    + URLEncoder.encode(url("/bye"), StandardCharsets.UTF_8) + "&state=" + logoutState;
            respond(exchange, 200, "<!doctype html><title>Wiki</title><p>Hello <span id=user>" + email + "</span></p>"
                    + "<a id=sign-out href=\"" + signOut + "\">Sign out</a>");
        }

        /** OpenID Connect Back-Channel Logout 1.0 section 2.8: validate the token, answer 200, or 400 for a bad one. */
        private void backChannelLogout(HttpExchange exchange) throws Exception {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!"POST".equals(exchange.getRequestMethod()) || !body.startsWith("logout_token=")) {
                respond(exchange, 400, "not a logout request");
                return;
            }
            JWSVerificationKeySelector<SecurityContext> keys = new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                    JWKSourceBuilder.create(URI.create(issuer + "/.well-known/jwks.json").toURL()).build());
            LogoutTokenValidator validator = new LogoutTokenValidator(new Issuer(issuer), new ClientID(clientId), true, keys, null);
            logoutTokens.add(validator.validate(JWTParser.parse(URLDecoder.decode(body.substring("logout_token=".length()), StandardCharsets.UTF_8))));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }

        private static void respond(HttpExchange exchange, int status, String html) throws IOException {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
