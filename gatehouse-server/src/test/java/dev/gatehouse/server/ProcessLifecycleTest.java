package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The server as an operating-system process: signals and crashes. */
class ProcessLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("root@example.com:root password 1".getBytes(StandardCharsets.UTF_8));
    private static final Map<String, String> ADMIN_ENV = Map.of("GATEHOUSE_ADMIN_EMAIL", "root@example.com", "GATEHOUSE_ADMIN_PASSWORD", "root password 1");

    @TempDir
    Path dir;

    @Test
    void sigtermStopsCleanlyAndPrintsThePerRouteTable() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, Map.of("STORE", "memory"))) {
            assertThat(Http.send("GET", server.port(), "/api/v1/status", null).statusCode()).isEqualTo(200);
            int exit = server.terminate(Duration.ofSeconds(30));
            // 143 = 128 + SIGTERM: the JVM reports the signal after running the shutdown hooks.
            assertThat(exit).as(server.output()).isIn(0, 143);
            assertThat(server.output()).contains("Per-route statistics").containsPattern("GET /api/v1/status\\s+1\\s+0");
        }
    }

    @Test
    void everyRegistrationAnswered201SurvivesKillDashNine() throws Exception {
        Set<String> acknowledged = ConcurrentSets.newSet();
        try (ServerProcess server = ServerProcess.start(dir, ADMIN_ENV)) {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch enough = new CountDownLatch(20);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                int client = c;
                clients.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; !stop.get() && i < 500; i++) {
                        String email = "user" + client + "-" + i + "@example.com";
                        try {
                            HttpResponse<String> r = Http.send("POST", server.port(), "/api/v1/users",
                                    "{\"email\":\"" + email + "\",\"password\":\"password " + i + "\"}");
                            if (r.statusCode() == 201) {
                                acknowledged.add(email);
                                enough.countDown();
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                }));
            }
            enough.await();
            server.kill();
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(20);

        try (ServerProcess restarted = ServerProcess.start(dir, ADMIN_ENV)) {
            Set<String> stored = new HashSet<>();
            for (int page = 1; ; page++) {
                HttpResponse<String> r = Http.send("GET", restarted.port(), "/api/v1/users?per_page=100&page=" + page, null, "Authorization", ADMIN);
                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode users = JSON.readTree(r.body()).path("users");
                users.forEach(u -> stored.add(u.path("email").asText()));
                if (users.size() < 100) {
                    break;
                }
            }
            assertThat(stored).containsAll(acknowledged);
        }
    }

    private static final class ConcurrentSets {
        static Set<String> newSet() {
            return java.util.concurrent.ConcurrentHashMap.newKeySet();
        }
    }
}
