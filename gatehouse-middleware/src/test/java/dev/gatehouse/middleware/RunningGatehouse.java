package dev.gatehouse.middleware;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.access.AccessRule;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.access.PageRedirects;
import dev.gatehouse.core.access.PathPattern;
import dev.gatehouse.core.access.Policy;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.server.GatehouseServer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A real Gatehouse (memory store, jwt and session) with a common user and an admin, for the middleware tests. */
public final class RunningGatehouse implements AutoCloseable {
    public static final String ISSUER = "https://auth.test.example";
    static final String ADMIN_EMAIL = "root@example.com";
    static final String ADMIN_PASSWORD = "correct horse battery admin";
    static final String ADA = "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The server's GATEHOUSE_INTROSPECTION_SECRET, which the guards' session checks present. */
    public static final String INTROSPECTION_SECRET = "middleware-test-introspection-secret-0123456789";

    /** /public open, /admin for admins, everything else for any signed-in caller. */
    static final AccessRules RULES = new AccessRules(List.of(
            new AccessRule("public", Optional.empty(), new PathPattern.Prefix("/public"), Set.of(), new Policy.Public(), PageRedirects.none()),
            new AccessRule("admin", Optional.empty(), new PathPattern.Prefix("/admin"), Set.of(), new Policy.Roles(Set.of(Role.ADMIN)), PageRedirects.none())),
            new Policy.Authenticated(), PageRedirects.none());

    final GatehouseServer server;

    public RunningGatehouse() throws Exception {
        server = GatehouseServer.start(ConfigLoader.load(Map.of(
                        "API_HOST", "127.0.0.1", "API_PORT", "0", "STORE", "memory", "AUTH_TYPE", "jwt,session", "GATEHOUSE_REGISTRATION", "open",
                        "GATEHOUSE_ISSUER", ISSUER, "GATEHOUSE_ADMIN_EMAIL", ADMIN_EMAIL, "GATEHOUSE_ADMIN_PASSWORD", ADMIN_PASSWORD,
                        "GATEHOUSE_INTROSPECTION_SECRET", INTROSPECTION_SECRET), Map.of()),
                Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        HttpResponse<String> created = post("/api/v1/users", ADA);
        if (created.statusCode() / 100 != 2) {
            throw new IllegalStateException("could not create ada: " + created.statusCode() + " " + created.body());
        }
    }

    public URI jwks() {
        return URI.create("http://127.0.0.1:" + server.port() + "/.well-known/jwks.json");
    }

    public URI introspection() {
        return URI.create("http://127.0.0.1:" + server.port() + "/api/v1/auth/introspect");
    }

    /** Ada's session cookie value and refresh token from a fresh login. */
    record Login(String sessionCookie, String refreshToken) {
    }

    Login adaLogin() throws Exception {
        HttpResponse<String> response = post("/api/v1/auth/login", ADA);
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(GatehouseGuard.DEFAULT_SESSION_COOKIE + "="))
                .map(c -> c.substring(c.indexOf('=') + 1, c.indexOf(';')))
                .findFirst().orElseThrow(() -> new IllegalStateException("no session cookie: " + response.headers()));
        return new Login(cookie, new ObjectMapper().readTree(response.body()).path("refresh_token").asText());
    }

    void logout(String sessionCookie) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/auth/logout"))
                .header("Cookie", GatehouseGuard.DEFAULT_SESSION_COOKIE + "=" + sessionCookie)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("logout answered " + response.statusCode());
        }
    }

    public String adaToken() throws Exception {
        return login(ADA);
    }

    public String adminToken() throws Exception {
        return login("{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
    }

    private String login(String body) throws Exception {
        HttpResponse<String> response = post("/api/v1/auth/login", body);
        String token = new ObjectMapper().readTree(response.body()).path("access_token").asText();
        if (token.isEmpty()) {
            throw new IllegalStateException("no access token: " + response.statusCode() + " " + response.body());
        }
        return token;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The token with its signature's first characters changed. */
    static String tampered(String token) {
        int dot = token.lastIndexOf('.');
        char first = token.charAt(dot + 1);
        return token.substring(0, dot + 1) + (first == 'A' ? 'B' : 'A') + token.substring(dot + 2);
    }

    @Override
    public void close() {
        server.close();
    }
}
