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

    /**
     * A request already in a handler when SIGTERM arrives is finished, not cut off. The client
     * asks for {@code 100 Continue}, which Jetty sends only once the handler starts reading the
     * body: from then on the request is provably in flight. The body is sent only after the
     * server has stopped accepting new connections.
     */
    @Test
    void sigtermLetsARequestInFlightFinish() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, Map.of("STORE", "memory"));
             java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            byte[] body = "{\"email\":\"late@example.com\",\"password\":\"correct horse\"}".getBytes(StandardCharsets.UTF_8);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out.write(("POST /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(in.readLine()).startsWith("HTTP/1.1 100");
            assertThat(in.readLine()).isEmpty();

            server.signalTerminate();
            awaitRefusal(server.port());
            out.write(body);
            out.flush();
            assertThat(in.readLine()).startsWith("HTTP/1.1 201");
            assertThat(server.awaitExitCode(Duration.ofSeconds(30))).isIn(0, 143);
            assertThat(server.output()).containsPattern("POST /api/v1/users\\s+1\\s+0");
        }
    }

    /** Polls (bounded) until new connections are refused: the server has begun to stop. */
    private static void awaitRefusal(int port) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                Thread.onSpinWait();
            } catch (java.io.IOException refused) {
                return;
            }
        }
        throw new AssertionError("the server kept accepting connections after SIGTERM");
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
