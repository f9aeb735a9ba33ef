package dev.gatehouse.bench.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A Gatehouse server in its own JVM, started with the project's launcher ({@code ./gatehouse serve},
 * so with the launcher's JVM flags), its output in a log file. Knows how long it took from process
 * start to the first 200 of {@code GET /api/v1/status}, and reads its resident memory.
 */
final class GatehouseProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private final long startToFirst200Millis;

    private GatehouseProcess(Process process, int port, Path log, long startToFirst200Millis) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startToFirst200Millis = startToFirst200Millis;
    }

    static GatehouseProcess start(Path root, Path workDir, Map<String, String> env) throws IOException, InterruptedException {
        int port = freePort();
        Path log = workDir.resolve("server-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("gatehouse").toString(), "serve")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("API_HOST", "127.0.0.1");
        builder.environment().put("API_PORT", Integer.toString(port));
        // the launcher takes the JDK the driver runs on, rather than probing every JDK on the machine
        builder.environment().put("GATEHOUSE_JAVA_HOME", System.getProperty("java.home"));
        long started = System.nanoTime();
        Process process = builder.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/status"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = started + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + " before answering; its log: " + log);
            }
            try {
                if (client.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    return new GatehouseProcess(process, port, log, millis);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5); // polling a starting server (5 ms is the resolution of the start-up figure)
        }
        process.destroyForcibly();
        throw new IOException("the server did not answer 200 on /api/v1/status within 60 s; its log: " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long startToFirst200Millis() {
        return startToFirst200Millis;
    }

    /** VmRSS of the server's JVM in KiB (the launcher execs java, so the pid is the JVM's). */
    OptionalLong rssKiB() {
        return rssKiB(process.pid());
    }

    static OptionalLong rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // not Linux, or the process is gone
        }
        return OptionalLong.empty();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the server's own shutdown
        if (!process.waitFor(java.time.Duration.ofSeconds(15).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
