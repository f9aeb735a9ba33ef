package dev.gatehouse.server;

import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole server, as {@code gatehouse serve} runs it, over a real SQLite file. */
class ServerRestartTest {
    private static final String REGISTER = "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}";

    @TempDir
    Path dir;

    private GatehouseConfig config(String store) {
        return ConfigLoader.load(Map.of("API_PORT", "0", "GATEHOUSE_REGISTRATION", "open", "STORE", store,
                "GATEHOUSE_DB_URL", "jdbc:sqlite:" + dir.resolve("data/gatehouse.db")), Map.of());
    }

    @Test
    void usersAndSessionsSurviveARestartOnSqlite() {
        String cookie;
        try (GatehouseServer first = GatehouseServer.start(config("sqlite"), Clock.systemUTC(), quiet())) {
            assertThat(Http.send("POST", first.port(), "/api/v1/users", REGISTER).statusCode()).isEqualTo(201);
            HttpResponse<String> login = Http.send("POST", first.port(), "/api/v1/auth/login", REGISTER);
            assertThat(login.statusCode()).isEqualTo(200);
            cookie = Http.cookie(login, "gatehouse_session").orElseThrow();
        }
        assertThat(Files.exists(dir.resolve("data/gatehouse.db"))).isTrue();

        try (GatehouseServer second = GatehouseServer.start(config("sqlite"), Clock.systemUTC(), quiet())) {
            HttpResponse<String> me = Http.send("GET", second.port(), "/api/v1/users/me", null, "Cookie", "gatehouse_session=" + cookie);
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("ada@example.com");
            assertThat(Http.send("POST", second.port(), "/api/v1/auth/login", REGISTER).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aDataTokenMadeBeforeARestartVerifiesAfterItOnSqlite() {
        String token;
        try (GatehouseServer first = GatehouseServer.start(config("sqlite"), Clock.systemUTC(), quiet())) {
            HttpResponse<String> created = Http.send("POST", first.port(), "/api/v1/tokens", "{\"user_data\":\"kept\"}");
            assertThat(created.statusCode()).isEqualTo(200);
            token = created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        }

        try (GatehouseServer second = GatehouseServer.start(config("sqlite"), Clock.systemUTC(), quiet())) {
            HttpResponse<String> verified = Http.send("POST", second.port(), "/api/v1/tokens/verify", "{\"token\":\"" + token + "\"}");
            assertThat(verified.statusCode()).isEqualTo(200);
            assertThat(verified.body()).contains("\"signature_verified\":true", "\"data\":\"kept\"");
        }

        try (GatehouseServer memory = GatehouseServer.start(config("memory"), Clock.systemUTC(), quiet())) {
            HttpResponse<String> elsewhere = Http.send("POST", memory.port(), "/api/v1/tokens/verify", "{\"token\":\"" + token + "\"}");
            assertThat(elsewhere.body()).as("another server's generated secret is its own").contains("\"signature_verified\":false");
        }
    }

    @Test
    void theMemoryStoreForgetsEverythingAtARestart() {
        try (GatehouseServer first = GatehouseServer.start(config("memory"), Clock.systemUTC(), quiet())) {
            assertThat(Http.send("POST", first.port(), "/api/v1/users", REGISTER).statusCode()).isEqualTo(201);
        }
        try (GatehouseServer second = GatehouseServer.start(config("memory"), Clock.systemUTC(), quiet())) {
            assertThat(Http.send("POST", second.port(), "/api/v1/auth/login", REGISTER).statusCode()).isEqualTo(401);
        }
        assertThat(Files.exists(dir.resolve("data"))).isFalse();
    }

    @Test
    void stoppingPrintsThePerRouteStatistics() {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        GatehouseServer server = GatehouseServer.start(config("memory"), Clock.systemUTC(), new PrintStream(report, true, StandardCharsets.UTF_8));
        Http.send("GET", server.port(), "/api/v1/status", null);
        Http.send("GET", server.port(), "/api/v1/status", null);
        Http.send("GET", server.port(), "/api/v1/forbidden", null);
        server.stop();
        server.stop();
        String table = report.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("Per-route statistics", "route", "requests", "errors", "p99 ms");
        assertThat(table.lines().filter(l -> l.startsWith("GET /api/v1/status")).findFirst().orElseThrow())
                .matches("GET /api/v1/status\\s+2\\s+0\\s+.*");
        assertThat(table.lines().filter(l -> l.startsWith("GET /api/v1/forbidden")).findFirst().orElseThrow())
                .matches("GET /api/v1/forbidden\\s+1\\s+1\\s+.*");
        assertThat(table.indexOf("Per-route statistics")).isEqualTo(table.lastIndexOf("Per-route statistics"));
    }

    @Test
    void theConfiguredAdminIsCreatedAtFirstStartAndCanSeeStats() {
        GatehouseConfig config = ConfigLoader.load(Map.of("API_PORT", "0", "GATEHOUSE_REGISTRATION", "open", "STORE", "memory",
                "GATEHOUSE_ADMIN_EMAIL", "root@example.com", "GATEHOUSE_ADMIN_PASSWORD", "root password 1"), Map.of());
        try (GatehouseServer server = GatehouseServer.start(config, Clock.systemUTC(), quiet())) {
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("root@example.com:root password 1".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> stats = Http.send("GET", server.port(), "/api/v1/stats", null, "Authorization", basic);
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(stats.body()).contains("\"users\":1");
        }
    }

    @Test
    void generatedSigningKeysAndRefreshTokensSurviveARestartOnSqlite() throws Exception {
        GatehouseConfig config = ConfigLoader.load(Map.of("API_PORT", "0", "GATEHOUSE_REGISTRATION", "open", "AUTH_TYPE", "jwt,session",
                "GATEHOUSE_DB_URL", "jdbc:sqlite:" + dir.resolve("jwt.db"),
                "GATEHOUSE_MASTER_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32])), Map.of());
        String access;
        String refresh;
        try (GatehouseServer first = GatehouseServer.start(config, Clock.systemUTC(), quiet())) {
            assertThat(Http.send("POST", first.port(), "/api/v1/users", REGISTER).statusCode()).isEqualTo(201);
            HttpResponse<String> login = Http.send("POST", first.port(), "/api/v1/auth/login", REGISTER);
            com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(login.body());
            access = body.path("access_token").asText();
            refresh = body.path("refresh_token").asText();
            assertThat(access).isNotEmpty();
            // A first start on a new file makes the ring's keys while the schema is created: the signing key and the next one.
            HttpResponse<String> jwks = Http.send("GET", first.port(), "/.well-known/jwks.json", null);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(jwks.body()).path("keys").size()).isEqualTo(2);
        }
        try (GatehouseServer second = GatehouseServer.start(config, Clock.systemUTC(), quiet())) {
            assertThat(Http.send("GET", second.port(), "/api/v1/users/me", null, "Authorization", "Bearer " + access).statusCode())
                    .as("the same key verifies after the restart").isEqualTo(200);
            HttpResponse<String> refreshed = Http.send("POST", second.port(), "/api/v1/auth/token",
                    "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refresh + "\"}");
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
