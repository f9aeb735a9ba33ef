package dev.gatehouse.server;

import dev.gatehouse.testing.SpawnsProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The server as an operating-system process and its signals; crashes are {@link KillNineDurabilityTest}. */
@SpawnsProcesses
class ProcessLifecycleTest {
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
    @SuppressWarnings("try") // the socket is opened only to learn whether the port still accepts
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
}
