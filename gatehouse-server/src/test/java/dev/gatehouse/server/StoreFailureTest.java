package dev.gatehouse.server;

import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.http.GatehouseHttp;
import dev.gatehouse.http.RouteStatistics;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When the real SQLite store stops answering, every check that needs it refuses with 503. */
class StoreFailureTest {
    private static final String ADA = "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}";

    @TempDir
    Path dir;

    @Test
    void aClosedDatabaseFailsClosedWithStoreUnavailable() throws Exception {
        GatehouseConfig config = ConfigLoader.load(Map.of("API_PORT", "0", "GATEHOUSE_REGISTRATION", "open", "AUTH_TYPE", "session,jwt",
                "GATEHOUSE_DB_URL", "jdbc:sqlite:" + dir.resolve("g.db")), Map.of());
        GatehouseRuntime runtime = GatehouseRuntime.open(config, Clock.systemUTC());
        Javalin app = GatehouseHttp.create(runtime.services(), config.http(), new RouteStatistics()).start("127.0.0.1", 0);
        try {
            int port = app.port();
            assertThat(Http.send("POST", port, "/api/v1/users", ADA).statusCode()).isEqualTo(201);
            HttpResponse<String> login = Http.send("POST", port, "/api/v1/auth/login", ADA);
            String cookie = "gatehouse_session=" + Http.cookie(login, "gatehouse_session").orElseThrow();
            String bearer = "Bearer " + new com.fasterxml.jackson.databind.ObjectMapper().readTree(login.body()).path("access_token").asText();
            assertThat(Http.send("GET", port, "/api/v1/users/me", null, "Authorization", bearer).statusCode()).isEqualTo(200);

            runtime.close();

            for (HttpResponse<String> refused : java.util.List.of(
                    Http.send("GET", port, "/api/v1/users/me", null, "Cookie", cookie),
                    // A well-signed token whose revocation state cannot be read is refused, not waved through.
                    Http.send("GET", port, "/api/v1/users/me", null, "Authorization", bearer),
                    Http.send("POST", port, "/api/v1/auth/login", ADA),
                    Http.send("POST", port, "/api/v1/users", ADA.replace("ada@", "bob@")))) {
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(refused.body()).contains("\"error\":\"store_unavailable\"").doesNotContain("SQL").doesNotContain("Exception");
            }
            assertThat(Http.send("GET", port, "/api/v1/status", null).statusCode()).isEqualTo(200);
        } finally {
            app.stop();
        }
    }
}
