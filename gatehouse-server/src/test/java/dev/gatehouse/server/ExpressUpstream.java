package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The app behind the proxy in the gateway tests: a real Express app (src/test/express/app.js,
 * with method-override middleware) that routes on the raw request target, as the apps people put
 * behind Gatehouse do. It records every request that reached one of its handlers.
 */
final class ExpressUpstream implements AutoCloseable {
    static final Path APP = Path.of("src", "test", "express");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CONTROL = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One request as the app's handler saw it: {@code method} after method-override, {@code originalMethod} as sent. */
    record Seen(String route, String method, String originalMethod, String target, JsonNode headers) {
        /** The one value of a header (names are lower case in Node), or null. */
        String header(String name) {
            JsonNode value = headers.get(name.toLowerCase(Locale.ROOT));
            return value == null ? null : value.asText();
        }
    }

    private final Process node;
    private final int port;
    private final int controlPort;

    private ExpressUpstream(Process node, int port, int controlPort) {
        this.node = node;
        this.port = port;
        this.controlPort = controlPort;
    }

    /** Starts the app on free loopback ports; installs its packages when missing; skips (fails under CI) without node and npm. */
    static ExpressUpstream start(Path log) throws IOException, InterruptedException {
        Path binary = Executables.require("node", List.of("/usr/bin", "/usr/local/bin"), "Debian: apt-get install nodejs npm");
        Executables.npmCi(APP, "express", log);
        Process node = new ProcessBuilder(binary.toString(), "app.js").directory(APP.toFile())
                .redirectError(log.toFile()).start();
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            JsonNode ports = MAPPER.readTree(firstLine.get(20, TimeUnit.SECONDS));
            return new ExpressUpstream(node, ports.path("app").asInt(), ports.path("control").asInt());
        } catch (Exception e) {
            node.destroyForcibly();
            throw new IllegalStateException("the Express test app did not start: " + Files.readString(log), e);
        }
    }

    int port() {
        return port;
    }

    /** The requests that reached a handler since the last call, in order. */
    List<Seen> takeSeen() {
        try {
            HttpResponse<String> answer = CONTROL.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + "/seen"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            List<Seen> seen = new ArrayList<>();
            for (JsonNode request : MAPPER.readTree(answer.body())) {
                seen.add(new Seen(request.path("route").asText(), request.path("method").asText(), request.path("originalMethod").asText(),
                        request.path("target").asText(), request.path("headers")));
            }
            return seen;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The one request that reached the app since the last call, if any; two would be a test mix-up. */
    Optional<Seen> takeOne() {
        List<Seen> seen = takeSeen();
        if (seen.size() > 1) {
            throw new IllegalStateException("more than one request reached the app: " + seen);
        }
        return seen.stream().findFirst();
    }

    @Override
    public void close() {
        node.destroy();
        try {
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            node.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
