package dev.gatehouse.server;

import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server keeps copies of sessions and users on SQLite too; a {@code gatehouse users} command
 * run beside it on the same file (its own database handle and event feed, as another process
 * would have) must still cut access within moments, never after the copies' age runs out.
 */
class CliBesideSqliteServerTest {
    private static final String ADA = "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}";
    /** Well under the caches' 10 s staleness bound: only the event log can explain a refusal this soon. */
    private static final Duration PROPAGATION = Duration.ofSeconds(2);
    private final InputStream originalIn = System.in;

    @TempDir
    Path dir;

    private GatehouseServer server;
    private String cookie;
    private String basic;

    @BeforeEach
    void startServerAndSignIn() {
        GatehouseConfig config = ConfigLoader.load(Map.of("API_PORT", "0", "GATEHOUSE_REGISTRATION", "open", "STORE", "sqlite", "AUTH_TYPE", "basic,session",
                "GATEHOUSE_DB_URL", "jdbc:sqlite:" + dir.resolve("gatehouse.db")), Map.of());
        server = GatehouseServer.start(config, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(Http.send("POST", server.port(), "/api/v1/users", ADA).statusCode()).isEqualTo(201);
        HttpResponse<String> login = Http.send("POST", server.port(), "/api/v1/auth/login", ADA);
        assertThat(login.statusCode()).isEqualTo(200);
        cookie = "gatehouse_session=" + Http.cookie(login, "gatehouse_session").orElseThrow();
        basic = "Basic " + Base64.getEncoder().encodeToString("ada@example.com:correct horse battery".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 2; i++) { // the second answer comes from the copies
            assertThat(me("Cookie", cookie)).isEqualTo(200);
            assertThat(me("Authorization", basic)).isEqualTo(200);
        }
    }

    @AfterEach
    void stop() {
        System.setIn(originalIn);
        server.close();
    }

    @Test
    void aPasswordSetByTheCliEndsTheSessionAndTheOldPasswordOnTheRunningServer() {
        assertThat(cli("a new password, long enough\n", "users", db(), "passwd", "ada@example.com", "--password-stdin")).isZero();

        assertThat(becomes(status -> status == 401, "Cookie", cookie)).as("the session ended by passwd").isTrue();
        assertThat(becomes(status -> status == 401, "Authorization", basic)).as("the old password").isTrue();
        String newBasic = "Basic " + Base64.getEncoder().encodeToString("ada@example.com:a new password, long enough".getBytes(StandardCharsets.UTF_8));
        assertThat(me("Authorization", newBasic)).isEqualTo(200);
    }

    @Test
    void aUserDeletedByTheCliIsRefusedByTheRunningServer() {
        assertThat(cli("", "users", db(), "delete", "ada@example.com")).isZero();

        assertThat(becomes(status -> status == 401, "Cookie", cookie)).isTrue();
        assertThat(becomes(status -> status == 401, "Authorization", basic)).isTrue();
    }

    private String db() {
        return "--db-url=jdbc:sqlite:" + dir.resolve("gatehouse.db");
    }

    private int me(String... headers) {
        return Http.send("GET", server.port(), "/api/v1/users/me", null, headers).statusCode();
    }

    /** Asks until the answer is what is wanted, for at most {@link #PROPAGATION}; true when it came in time. */
    private boolean becomes(IntPredicate wanted, String... headers) {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        do {
            if (wanted.test(me(headers))) {
                return true;
            }
        } while (System.nanoTime() < deadline);
        return false;
    }

    private int cli(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        CommandLine cli = GatehouseCli.newCommandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertThat(err.toString()).doesNotContain("Exception");
        return code;
    }
}
