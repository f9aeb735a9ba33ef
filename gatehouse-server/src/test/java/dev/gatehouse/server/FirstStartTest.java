package dev.gatehouse.server;

import dev.gatehouse.testing.SpawnsProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A first start of the server as shipped: how the first admin comes to be, and that strangers cannot register. */
@SpawnsProcesses
class FirstStartTest {
    private static final String ADMIN = "{\"email\":\"root@example.com\",\"password\":\"root passphrase 1\"}";

    @TempDir
    Path dir;

    @Test
    void withNoUserTheLogSaysOnceHowToMakeTheFirstAdminAndAStrangerCannotRegister() throws Exception {
        try (ServerProcess server = ServerProcess.startAsShipped(dir, Map.of())) {
            HttpResponse<String> stranger = Http.send("POST", server.port(), "/api/v1/users",
                    "{\"email\":\"eve@example.com\",\"password\":\"eve passphrase 1\"}");
            assertThat(stranger.statusCode()).isEqualTo(403);
            assertThat(stranger.body()).contains("\"error\":\"registration_closed\"");
            server.terminate(Duration.ofSeconds(30));

            String[] warnings = Arrays.stream(server.output().split("\n")).filter(l -> l.contains(" WARN ")).toArray(String[]::new);
            assertThat(warnings).singleElement().asString().contains("No user exists yet", "./gatehouse users add", "--admin",
                    "GATEHOUSE_ADMIN_EMAIL");
        }
    }

    @Test
    void theAdminSettingsMakeTheFirstAdminOnAFirstStart() throws Exception {
        try (ServerProcess server = ServerProcess.startAsShipped(dir, Map.of(
                "GATEHOUSE_ADMIN_EMAIL", "root@example.com", "GATEHOUSE_ADMIN_PASSWORD", "root passphrase 1"))) {
            HttpResponse<String> login = Http.send("POST", server.port(), "/api/v1/auth/login", ADMIN);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.body()).contains("\"role\":\"admin\"");
            String cookie = "gatehouse_session=" + Http.cookie(login, "gatehouse_session").orElseThrow();
            HttpResponse<String> created = Http.send("POST", server.port(), "/api/v1/users",
                    "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}", "Cookie", cookie);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            server.terminate(Duration.ofSeconds(30));

            assertThat(server.output()).doesNotContain("No user exists yet").doesNotContain("root passphrase 1");
        }
    }
}
