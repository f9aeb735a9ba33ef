package dev.gatehouse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.testing.SpawnsProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real proxy (nginx or Caddy) configured exactly as docs/GATEWAY.md shows, asking a running
 * Gatehouse at {@code /auth/verify}, in front of a real Express app that routes on the raw request
 * target. Each subclass starts its proxy; the tests are the same for both.
 */
@SpawnsProcesses
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ForwardAuthGatewayTest {
    private static final String RULES = """
            default:
              policy: authenticated
            rules:
              - name: public
                path_prefix: /public
                policy: public
              - name: admin
                path_prefix: /admin
                policy: {roles: [admin]}
            """;
    static final String ADMIN_EMAIL = "root@example.com";
    static final String ADMIN_PASSWORD = "correct horse battery admin";
    private static final String ADA = "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}";
    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String JSON = "application/json";
    /** Failed sign-ins of one login from one address before 429. */
    private static final int MAX_FAILURES = 5;

    private static final HttpClient CLIENT = client(InetAddress.getLoopbackAddress());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    private GatehouseServer gatehouse;
    private ExpressUpstream upstream;
    private Process proxy;
    int port;

    /** {@code nginx} or {@code caddy}: the value of GATEHOUSE_FORWARD_AUTH_PROXY. */
    abstract String proxyKind();

    /** Starts the proxy with the documented configuration on 127.0.0.1:{@code port}; its output goes to files in {@code dir}. */
    abstract Process startProxy(Path dir, int port, int gatehousePort, int appPort) throws IOException;

    /**
     * Whether this answer is the proxy's own to a request for no site it serves (another host in
     * an absolute-form target, {@code OPTIONS *}), which reaches neither Gatehouse nor the app.
     */
    boolean answeredForNoSite(String target, int status) {
        return false;
    }

    @BeforeAll
    void start() throws Exception {
        upstream = ExpressUpstream.start(dir.resolve("express.log"));
        port = freePort();
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
        Map<String, String> env = new HashMap<>();
        env.put("API_HOST", "127.0.0.1");
        env.put("API_PORT", "0");
        env.put("STORE", "memory");
        env.put("GATEHOUSE_REGISTRATION", "open");
        env.put("AUTH_TYPE", "basic,session,jwt");
        env.put("GATEHOUSE_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("GATEHOUSE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GATEHOUSE_RULES", rules.toString());
        env.put("GATEHOUSE_ALLOWED_REDIRECT_HOSTS", "127.0.0.1:" + port);
        env.put("GATEHOUSE_FORWARD_AUTH_PROXY", proxyKind());
        // Only the proxy is trusted: clients connect from other loopback addresses.
        env.put("GATEHOUSE_TRUSTED_PROXIES", "127.0.0.1/32");
        env.put("GATEHOUSE_LOGIN_MAX_FAILURES", String.valueOf(MAX_FAILURES));
        GatehouseConfig config = ConfigLoader.load(env, Map.of());
        gatehouse = GatehouseServer.start(config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        proxy = startProxy(dir, port, gatehouse.port(), upstream.port());
        awaitListening();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (proxy != null) {
                proxy.destroy();
                if (!proxy.waitFor(10, TimeUnit.SECONDS)) {
                    proxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            try {
                if (upstream != null) {
                    upstream.close();
                }
            } finally {
                if (gatehouse != null) {
                    gatehouse.stop();
                }
            }
        }
    }

    @Test
    void aSignedOutBrowserIsSentToTheLoginPageWithItsReturnUrl() {
        HttpResponse<String> page = get("/app/page?x=1", "Accept", HTML);

        assertThat(page.statusCode()).as(page.body()).isEqualTo(302);
        String base = "http://127.0.0.1:" + port;
        String login = base + "/login?return_to=" + URLEncoder.encode(base + "/app/page?x=1", StandardCharsets.UTF_8);
        assertThat(URI.create(base + "/").resolve(page.headers().firstValue("Location").orElseThrow()).toString()).isEqualTo(login);
        assertThat(upstream.takeSeen()).as("the upstream must not be reached").isEmpty();

        // The login page is served by Gatehouse through the same proxy.
        HttpResponse<String> form = get(login.substring(base.length()), "Accept", HTML);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<form");
    }

    @Test
    void aBrowserSignsInOnTheLoginPageAndIsSentBackToThePageItAskedFor() {
        signIn(ADA); // registers ada; the browser below signs in through the form
        String base = "http://127.0.0.1:" + port;
        String target = base + "/app/page?x=2";
        HttpResponse<String> sent = get("/app/page?x=2", "Accept", HTML);
        assertThat(sent.statusCode()).isEqualTo(302);
        String login = URI.create(base + "/").resolve(sent.headers().firstValue("Location").orElseThrow()).toString();
        assertThat(get(login.substring(base.length()), "Accept", HTML).body()).contains("value=\"" + target.replace("&", "&amp;") + "\"");

        String form = "login=ada%40example.com&password=correct+horse+battery&return_to=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = sendBody("POST", "/login", form, "application/x-www-form-urlencoded", "Accept", HTML, "Origin", base);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue(target);
        String cookie = "gatehouse_session=" + Http.cookie(signedIn, "gatehouse_session").orElseThrow();

        HttpResponse<String> back = get("/app/page?x=2", "Accept", HTML, "Cookie", cookie);
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(upstream.takeOne().orElseThrow().header("X-Auth-Email")).isEqualTo("ada@example.com");
    }

    @Test
    void aSignedOutApiCallIsRefusedWith401() {
        HttpResponse<String> api = get("/app/data", "Accept", JSON);

        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Location")).isEmpty();
        assertThat(upstream.takeSeen()).isEmpty();
    }

    @Test
    void aSignedInUserReachesTheUpstreamWithTheIdentityHeaders() throws Exception {
        HttpResponse<String> login = signIn(ADA);
        String cookie = "gatehouse_session=" + Http.cookie(login, "gatehouse_session").orElseThrow();
        String bearer = "Bearer " + MAPPER.readTree(login.body()).path("access_token").asText();

        for (String[] credential : List.of(new String[] {"Cookie", cookie}, new String[] {"Authorization", bearer})) {
            HttpResponse<String> page = get("/app/page", "Accept", HTML, credential[0], credential[1]);

            assertThat(page.statusCode()).as(credential[0]).isEqualTo(200);
            assertThat(page.body()).isEqualTo("upstream other\n");
            ExpressUpstream.Seen seen = upstream.takeOne().orElseThrow();
            assertThat(seen.header("X-Auth-User-Id")).isNotBlank();
            assertThat(seen.header("X-Auth-User")).isNotBlank();
            assertThat(seen.header("X-Auth-Email")).isEqualTo("ada@example.com");
            assertThat(seen.header("X-Auth-Roles")).isEqualTo("common");
        }
    }

    @Test
    void aCommonUserOnTheAdminPathIsForbiddenAndAnAdminIsLetThrough() throws Exception {
        String ada = bearer(signIn(ADA));
        HttpResponse<String> refused = get("/admin/panel", "Accept", JSON, "Authorization", ada);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(upstream.takeSeen()).isEmpty();

        String admin = bearer(signIn("{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}"));
        HttpResponse<String> allowed = get("/admin/panel", "Accept", JSON, "Authorization", admin);
        assertThat(allowed.statusCode()).isEqualTo(200);
        ExpressUpstream.Seen seen = upstream.takeOne().orElseThrow();
        assertThat(seen.route()).isEqualTo("admin");
        assertThat(seen.header("X-Auth-Roles")).isEqualTo("admin");
        assertThat(seen.header("X-Auth-Email")).isEqualTo(ADMIN_EMAIL);
    }

    @Test
    void identityHeadersSentByTheClientNeverReachTheUpstream() throws Exception {
        String[] spoof = {"X-Auth-User", "admin", "X-Auth-User-Id", "1", "X-Auth-Roles", "admin", "X-Auth-Email", ADMIN_EMAIL};

        // A public path lets the request through, but without the client's identity headers
        // (Caddy passes them on empty: see ForwardAuthRoutes).
        HttpResponse<String> open = get("/public/readme", concat(spoof, "Accept", JSON));
        assertThat(open.statusCode()).isEqualTo(200);
        ExpressUpstream.Seen stranger = upstream.takeOne().orElseThrow();
        for (String name : List.of("X-Auth-User", "X-Auth-User-Id", "X-Auth-Roles", "X-Auth-Email")) {
            assertThat(stranger.header(name)).as(name).isNullOrEmpty();
        }

        // A protected path is refused: the headers are no credential.
        assertThat(get("/app/page", concat(spoof, "Accept", JSON)).statusCode()).isEqualTo(401);
        assertThat(get("/admin/panel", concat(spoof, "Accept", JSON)).statusCode()).isEqualTo(401);
        assertThat(get("/admin/panel", concat(spoof, "Accept", HTML)).statusCode()).isEqualTo(302);
        assertThat(upstream.takeSeen()).isEmpty();

        // A signed-in common user cannot pass for the admin either.
        String ada = bearer(signIn(ADA));
        assertThat(get("/admin/panel", concat(spoof, "Authorization", ada)).statusCode()).isEqualTo(403);
        assertThat(upstream.takeSeen()).isEmpty();
        HttpResponse<String> own = get("/app/page", concat(spoof, "Authorization", ada));
        assertThat(own.statusCode()).isEqualTo(200);
        ExpressUpstream.Seen seen = upstream.takeOne().orElseThrow();
        assertThat(seen.header("X-Auth-Roles")).isEqualTo("common");
        assertThat(seen.header("X-Auth-Email")).isEqualTo("ada@example.com");
        assertThat(seen.header("X-Auth-User")).doesNotContain("admin");
    }

    /**
     * Header values are bytes: an email with a character beyond Latin-1 must not reach the app as
     * another account's (Jetty wrote {@code ω} as a space, and {@code ωroot@example.com} arrived as
     * {@code root@example.com} once the app trimmed it). Such characters and {@code %} itself are
     * sent percent-encoded as UTF-8, so two accounts never share one header value.
     */
    @Test
    void anEmailBeyondLatin1ReachesTheAppAsNoOtherAccount() throws Exception {
        Map<String, String> expected = Map.of("\u03C9" + ADMIN_EMAIL, "%CF%89" + ADMIN_EMAIL,
                "%cf%89" + ADMIN_EMAIL, "%25cf%2589" + ADMIN_EMAIL,
                "r\u00F6\u00F6t@example.com", "r%C3%B6%C3%B6t@example.com");
        for (Map.Entry<String, String> account : expected.entrySet()) {
            String bearer = bearer(signIn("{\"email\":\"" + account.getKey() + "\",\"password\":\"correct horse battery\"}"));
            assertThat(get("/app/page", "Accept", JSON, "Authorization", bearer).statusCode()).isEqualTo(200);
            ExpressUpstream.Seen seen = upstream.takeOne().orElseThrow();
            assertThat(seen.header("X-Auth-Email")).as(account.getKey()).isEqualTo(account.getValue());
            assertThat(seen.header("X-Auth-User")).as(account.getKey()).isEqualTo(account.getValue());
        }
    }

    /**
     * A client that sends a new X-Forwarded-For with each guess is throttled all the same (the proxy
     * sets the header from the connection), and being throttled from one address does not lock the
     * real user out from another.
     */
    @Test
    void aGuesserIsThrottledByItsOwnAddressAndTheVictimElsewhereStillSignsIn() throws Exception {
        String victim = "{\"email\":\"victim@example.com\",\"password\":\"victim's long passphrase\"}";
        signIn(victim);
        HttpClient guesser = client(InetAddress.getByName("127.0.0.2"));
        List<Integer> statuses = new ArrayList<>();
        for (int guess = 1; guess <= MAX_FAILURES + 1; guess++) {
            String wrong = "{\"email\":\"victim@example.com\",\"password\":\"guess number " + guess + "\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", JSON).header("Accept", JSON)
                    .header("X-Forwarded-For", "198.51.100." + guess).POST(HttpRequest.BodyPublishers.ofString(wrong)).build();
            statuses.add(guesser.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        assertThat(statuses).as("the guesser's answers").contains(429).doesNotContain(200).allMatch(s -> s == 401 || s == 429);

        HttpClient elsewhere = client(InetAddress.getByName("127.0.0.3"));
        HttpResponse<String> signedIn = elsewhere.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", JSON).header("Accept", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(victim)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    }

    /**
     * Basic credentials guessed through the proxy are throttled like sign-ins, and the refusal stays
     * a 4xx: nginx's auth_request turns a 429 into a 500, which looks like an outage to the client.
     */
    @Test
    void aThrottledBasicGuesserIsRefusedWithA4xx() throws Exception {
        signIn("{\"email\":\"basic@example.com\",\"password\":\"basic's long passphrase\"}");
        HttpClient guesser = client(InetAddress.getByName("127.0.0.4"));
        List<Integer> statuses = new ArrayList<>();
        for (int guess = 1; guess <= MAX_FAILURES + 2; guess++) {
            String basic = Base64.getEncoder().encodeToString(("basic@example.com:guess number " + guess).getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app/page"))
                    .timeout(Duration.ofSeconds(30)).header("Accept", JSON).header("Authorization", "Basic " + basic).GET().build();
            statuses.add(guesser.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        assertThat(statuses).as("the guesser's answers").allMatch(s -> s >= 400 && s <= 499)
                .endsWith(proxyKind().equals("nginx") ? 403 : 429);
        assertThat(upstream.takeSeen()).isEmpty();
    }

    /**
     * Requests as long as the proxy lets through are judged, not failed: nginx accepts a request
     * line of 8 KB and 32 KB of headers, copies them into the auth request, and turns anything but
     * 2xx, 401 and 403 from Gatehouse (a 431 included) into a 500.
     */
    @Test
    void theLongestRequestsTheProxyAcceptsAreRefusedWithA4xx() {
        String longTarget = "/admin/" + "a".repeat(7_900);
        List<String> padding = List.of("Accept: application/json", "X-Pad-One: " + "b".repeat(7_000), "X-Pad-Two: " + "c".repeat(7_000),
                "X-Pad-Three: " + "d".repeat(7_000));
        for (List<String> headers : List.of(List.of("Accept: application/json"), padding)) {
            for (String target : List.of(longTarget, "/app/page")) {
                RawHttp.Reply reply = RawHttp.send(InetAddress.getLoopbackAddress(), port, "GET", target, headers);
                assertThat(reply.status()).as(target.length() + " characters, " + headers.size() + " headers: " + reply.head())
                        .isBetween(400, 499);
            }
        }
        assertThat(upstream.takeSeen()).isEmpty();
    }

    /**
     * Every hostile spelling of a request, anonymous and as a common user: no request reaches a
     * handler that an Express-like router maps to /admin, no request reaches the app with another
     * method than the one judged, and every refusal is a 4xx.
     */
    @Test
    void noHostileSpellingReachesTheAdminHandlerOfTheApp() throws Exception {
        String common = bearer(signIn(ADA));
        List<Caller> callers = List.of(new Caller("anonymous", List.of()), new Caller("common", List.of("Authorization: " + common)));
        List<String> methods = List.of("GET", "HEAD", "POST", "DELETE", "OPTIONS");
        List<String> targets = hostileTargets();
        List<List<String>> headerSets = List.of(
                List.of("X-Original-URI: /public/x"),
                List.of("X-Original-URI: /public/x", "X-Original-URI: /public/y"),
                List.of("X-Original-Method: GET"),
                List.of("X-Forwarded-Uri: /public/x"),
                List.of("X-Forwarded-Uri: /public/x", "X-Forwarded-Uri: /public/y"),
                List.of("X-Forwarded-Method: GET"),
                List.of("X-HTTP-Method-Override: DELETE"),
                List.of("X-HTTP-Method: DELETE"),
                List.of("X-Method-Override: DELETE"),
                List.of("X-HTTP-Method-Override: GET"),
                List.of("X-Forwarded-For: 127.0.0.1", "X-Forwarded-Host: admin.example"),
                List.of("X-Auth-Roles: admin", "X-Auth-User: root"));
        int requests = 0;
        List<String> problems = new ArrayList<>();
        for (Caller caller : callers) {
            for (String method : methods) {
                for (String target : targets) {
                    requests++;
                    check(caller, method, target, List.of(), problems);
                }
                for (List<String> headers : headerSets) {
                    for (String target : List.of("/admin/x", "/public/x", "/admin/../public/x", "/%61dmin/x", "/ADMIN/")) {
                        requests++;
                        check(caller, method, target, headers, problems);
                    }
                }
            }
        }
        assertThat(problems).as("out of " + requests + " hostile requests").isEmpty();
        // The sweep would prove nothing if nothing could pass: the same proxy lets the admin in.
        String admin = bearer(signIn("{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}"));
        assertThat(RawHttp.send(InetAddress.getLoopbackAddress(), port, "GET", "/ADMIN/x", List.of("Authorization: " + admin)).status())
                .isEqualTo(200);
        assertThat(upstream.takeOne().orElseThrow().route()).isEqualTo("admin");
    }

    @Test
    void theCheckingRouterReadsAdminInEverySpelling() {
        assertThat(Stream.of("/admin", "/ADMIN/x", "/%61dmin/", "/admin;x/y", "/admin/../public/x", "/public/../admin/x", "//admin",
                "/public/..%2fadmin", "/public\\..\\admin", "http://h/admin/x", "/admin/%2e%2e/public")).allMatch(ForwardAuthGatewayTest::expressWouldRouteToAdmin);
        assertThat(Stream.of("/public/x", "/administrator", "/public/admin", "/%2561dmin", "*", "/public/x?/../../admin"))
                .noneMatch(ForwardAuthGatewayTest::expressWouldRouteToAdmin);
    }

    private record Caller(String name, List<String> headers) {
    }

    private List<String> hostileTargets() {
        String origin = "http://127.0.0.1:" + port;
        return List.of(
                "/admin/x", "/admin", "/public/x",
                // dot segments, raw and encoded in every case and mix
                "/admin/../public/x", "/admin/%2e%2e/public/x", "/admin/%2E%2E/public/x", "/admin/%2e%2E/public/x", "/admin/.%2e/public/x",
                "/admin/%2e./public/x", "/admin/.%2E/public/x", "/admin/..;/public/x", "/admin/x/..;/..;/public/x", "/admin/./../public/x",
                "/admin/x/../../public/x", "/admin/%2e/../public/x", "/public/../admin/x", "/public/%2e%2e/admin/x", "/public/x/../../admin/x",
                "/%2e%2e/admin/x", "/public/%252e%252e/admin/x", "/public/%c0%ae%c0%ae/admin/x", "/admin/..", "/admin/.",
                // empty segments
                "//admin/x", "//admin/../public/x", "/public//../admin/x", "//..", "//public/x/../../admin/x",
                // case and escapes of plain characters
                "/ADMIN/x", "/Admin", "/%61dmin/x", "/%41DMIN/x", "/admin/", "/adm%69n/x",
                // ; parameters
                "/admin;x=1/x", "/admin;/x", "/admin;", "/public;/../admin/x", "/admin%3bx/x",
                // encoded separators and backslashes
                "/admin%2fx", "/public%2f..%2fadmin/x", "/public/..%2fadmin/x", "/public%5c..%5cadmin/x", "/public/..%5cadmin/x",
                "/public\\..\\admin/x", "/admin\\x",
                // NUL, controls, invalid escapes
                "/public/%00/../admin/x", "/admin%00/x", "/admin%0d%0a/x", "/admin%/x", "/admin%zz/x", "/admin%e9/x",
                // query and fragment
                "/public/x?/../../admin/x", "/public/x#/../../admin/x", "/public/x%23/../../admin/x", "/public/x%3f/../../admin/x",
                // absolute-form and asterisk-form targets
                origin + "/admin/x", origin + "/admin/../public/x", origin + "/public/../admin/x", "http://evil.example/admin/x", "*");
    }

    private void check(Caller caller, String method, String target, List<String> headers, List<String> problems) {
        List<String> lines = new ArrayList<>(caller.headers());
        lines.add("Accept: application/json");
        lines.addAll(headers);
        String what = caller.name() + " " + method + " " + target + " " + headers;
        RawHttp.Reply reply = RawHttp.send(InetAddress.getLoopbackAddress(), port, method, target, lines);
        List<ExpressUpstream.Seen> reached = upstream.takeSeen();
        for (ExpressUpstream.Seen seen : reached) {
            if (seen.route().equals("admin") || expressWouldRouteToAdmin(seen.target())) {
                problems.add(what + ": reached the app's admin handler as " + seen.method() + " " + seen.target());
            }
            if (!seen.method().equals(seen.originalMethod())) {
                problems.add(what + ": the app ran " + seen.method() + " for a " + seen.originalMethod());
            }
        }
        if (reached.isEmpty() && (reply.status() < 400 || reply.status() > 499) && !answeredForNoSite(target, reply.status())) {
            problems.add(what + ": refused with " + reply.status() + ", not a 4xx");
        }
        if (!reached.isEmpty() && reply.status() >= 500) {
            problems.add(what + ": answered " + reply.status());
        }
    }

    /**
     * Whether an app router could route this target under /admin, read as generously as any app
     * server reads it: escapes of unreserved characters decoded, case ignored, {@code ;} parameters
     * dropped, backslashes and encoded slashes taken for separators, {@code //} squeezed, and dot
     * segments either kept (Express routes {@code /admin/../x} to {@code /admin/*}) or resolved
     * (Go, Spring, Rails route {@code /x/../admin} to {@code /admin}).
     */
    static boolean expressWouldRouteToAdmin(String target) {
        String path = target;
        if (!path.startsWith("/")) {
            int scheme = path.indexOf("://");
            int slash = scheme < 0 ? -1 : path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        for (char end : new char[] {'?', '#'}) {
            int at = path.indexOf(end);
            path = at < 0 ? path : path.substring(0, at);
        }
        path = path.replace("\\", "/").replaceAll("(?i)%2f|%5c", "/");
        List<String> kept = new ArrayList<>();
        Deque<String> resolved = new ArrayDeque<>();
        for (String raw : path.split("/")) {
            int semicolon = raw.indexOf(';');
            String segment = decodeUnreserved(semicolon < 0 ? raw : raw.substring(0, semicolon)).toLowerCase(Locale.ROOT);
            if (segment.isEmpty()) {
                continue;
            }
            kept.add(segment);
            switch (segment) {
                case "." -> {
                }
                case ".." -> resolved.pollLast();
                default -> resolved.addLast(segment);
            }
        }
        return (!kept.isEmpty() && kept.get(0).equals("admin")) || "admin".equals(resolved.peekFirst());
    }

    private static String decodeUnreserved(String segment) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) == '%' && i + 2 < segment.length()) {
                String hex = segment.substring(i + 1, i + 3);
                if (hex.matches("[0-9A-Fa-f]{2}")) {
                    char c = (char) Integer.parseInt(hex, 16);
                    if ((c < 128 && Character.isLetterOrDigit(c)) || "-._~".indexOf(c) >= 0) {
                        out.append(c);
                        i += 2;
                        continue;
                    }
                }
            }
            out.append(segment.charAt(i));
        }
        return out.toString();
    }

    // --- helpers ---

    /** Registers the user when needed and signs in through the proxy ({@code /api/} goes to Gatehouse). */
    private HttpResponse<String> signIn(String credentials) {
        HttpResponse<String> created = send("POST", "/api/v1/users", credentials, "Accept", JSON);
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        HttpResponse<String> login = send("POST", "/api/v1/auth/login", credentials, "Accept", JSON);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        upstream.takeSeen();
        return login;
    }

    private static String bearer(HttpResponse<String> login) throws IOException {
        return "Bearer " + MAPPER.readTree(login.body()).path("access_token").asText();
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    private HttpResponse<String> send(String method, String path, String json, String... headers) {
        return sendBody(method, path, json, JSON, headers);
    }

    private HttpResponse<String> sendBody(String method, String path, String body, String contentType, String... headers) {
        upstream.takeSeen();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Http.send(CLIENT, request.build());
    }

    private static HttpClient client(InetAddress from) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(from)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls the proxy's port (bounded) until it accepts; fails with the proxy's own words when it exits. */
    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                // waitFor doubles as the pause between attempts and notices a proxy that gave up.
                if (proxy.waitFor(50, TimeUnit.MILLISECONDS)) {
                    fail(proxyKind() + " exited with " + proxy.exitValue() + ":\n" + proxyOutput());
                }
            }
        }
        fail(proxyKind() + " did not listen on port " + port + " within 20 s:\n" + proxyOutput());
    }

    private String proxyOutput() throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log") || f.getFileName().toString().endsWith(".out")).toList()) {
                out.append("== ").append(file.getFileName()).append('\n').append(Files.readString(file));
            }
        }
        return out.toString();
    }
}
