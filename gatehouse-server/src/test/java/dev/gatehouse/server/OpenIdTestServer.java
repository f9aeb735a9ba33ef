package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Gatehouse OpenID provider for the tests that drive it from outside (a relying-party library, a
 * browser): a real server on a SQLite file in {@code dir}, ES256 keys, an admin who registers
 * clients through the admin API (and apps may register themselves with {@link #REGISTRATION_TOKEN}), on a fixed free port so that the issuer an app discovers is the
 * URL it calls.
 */
final class OpenIdTestServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADMIN_EMAIL = "admin@example.com";
    private static final String ADMIN_PASSWORD = "the admin's long password";
    /** The initial access token apps present to register themselves at {@code POST /register}. */
    static final String REGISTRATION_TOKEN = "initial-access-token-for-the-openid-tests";

    private final GatehouseServer server;
    private final String issuer;
    private final HttpClient http = HttpClient.newHttpClient();

    private OpenIdTestServer(GatehouseServer server, String issuer) {
        this.server = server;
        this.issuer = issuer;
    }

    static OpenIdTestServer start(Path dir) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new HashMap<>();
        env.put("API_HOST", "127.0.0.1");
        env.put("API_PORT", Integer.toString(port));
        env.put("STORE", "sqlite");
        env.put("GATEHOUSE_DB_URL", "jdbc:sqlite:" + dir.resolve("gatehouse.db"));
        env.put("AUTH_TYPE", "session,jwt");
        env.put("JWT_ALGORITHM", "ES256");
        env.put("GATEHOUSE_REGISTRATION", "open");
        env.put("GATEHOUSE_CLIENT_REGISTRATION", "token");
        env.put("GATEHOUSE_CLIENT_REGISTRATION_TOKEN", REGISTRATION_TOKEN);
        env.put("GATEHOUSE_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("GATEHOUSE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        GatehouseConfig config = ConfigLoader.load(env, Map.of());
        GatehouseServer server = GatehouseServer.start(config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new OpenIdTestServer(server, "http://127.0.0.1:" + port);
    }

    /** The issuer, which is the server's URL. */
    String issuer() {
        return issuer;
    }

    /** Registers a user through the open registration. */
    void addUser(String email, String password, String name) throws IOException, InterruptedException {
        HttpResponse<String> created = post("/api/v1/users", MAPPER.writeValueAsString(Map.of("email", email, "password", password, "name", name)), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Registers a client as the admin; the answer holds {@code client_secret} for a confidential one. */
    JsonNode register(Map<String, Object> client) throws IOException, InterruptedException {
        HttpResponse<String> created = post("/api/v1/admin/clients", MAPPER.writeValueAsString(client), adminCookie());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return MAPPER.readTree(created.body());
    }

    /** A client as the admin API shows it. */
    JsonNode client(String id) throws IOException, InterruptedException {
        HttpResponse<String> shown = http.send(HttpRequest.newBuilder(URI.create(issuer + "/api/v1/admin/clients/" + id))
                .header("Cookie", adminCookie()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        return MAPPER.readTree(shown.body());
    }

    private String adminCookie() throws IOException, InterruptedException {
        HttpResponse<String> admin = post("/api/v1/auth/login", MAPPER.writeValueAsString(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD)), null);
        return admin.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("gatehouse_session="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow();
    }

    private HttpResponse<String> post(String path, String json, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
