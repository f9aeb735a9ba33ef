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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A Gatehouse server in its own JVM: {@code java <the launcher's JVM flags> -jar
 * gatehouse-server/target/gatehouse-server.jar serve}, its output in a log file. Not through
 * {@code ./gatehouse} itself: the launcher rebuilds when any module's sources (this one's too) are
 * newer than the server jar, which would land a Maven build inside the start-up figure. Knows how long it took from process
 * start to the first 200 of {@code GET /api/v1/status}, and reads its resident memory.
 */
final class GatehouseProcess implements AutoCloseable {
    /** The window {@link #awaitQuiet} reads the server's CPU over. */
    static final Duration QUIET_WINDOW = Duration.ofMillis(500);
    /** 20 ms of CPU in 500 ms: 4 % of a core, above an idle server's own timers and polls. */
    static final long QUIET_TICKS = 2;

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
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launcherJvmFlags(root));
        command.addAll(List.of("-jar", root.resolve("gatehouse-server/target/gatehouse-server.jar").toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        launcherEnvironment().forEach(builder.environment()::putIfAbsent);
        builder.environment().putAll(env);
        builder.environment().put("API_HOST", "127.0.0.1");
        builder.environment().put("API_PORT", Integer.toString(port));
        long started = System.nanoTime();
        Process process = builder.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/status"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = started + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + " before answering; the end of its log:\n"
                        + tail(log));
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
        throw new IOException("the server did not answer 200 on /api/v1/status within 60 s; the end of its log:\n"
                + tail(log));
    }

    private static String tail(Path log) throws IOException {
        java.util.List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** The fixed JVM flags of the launcher's exec line (LauncherFlagsTest keeps the two in step). */
    static List<String> launcherBaseFlags() {
        return List.of("-XX:+UseSerialGC", "-Xms48m", "-Xmn24m", "-Xmx80m", "--enable-native-access=ALL-UNNAMED");
    }

    /** The launcher's native heap trimming, on the JDKs that have the flag (LauncherFlagsTest keeps the two in step). */
    static List<String> launcherTrimFlags(int jdkFeatureVersion) {
        return jdkFeatureVersion >= 22 ? List.of("-XX:TrimNativeHeapInterval=5000") : List.of();
    }

    /**
     * The environment the launcher gives the JVM unless already set: two glibc malloc arenas, so
     * that few of libargon2's 19 MiB blocks stay resident (LauncherFlagsTest keeps the two in step).
     */
    static Map<String, String> launcherEnvironment() {
        return Map.of("MALLOC_ARENA_MAX", "2");
    }

    /**
     * The launcher's JVM flags: the fixed ones, and its AOT cache when the launcher has left a
     * current one beside the jar (JDK 25: made by the first {@code ./gatehouse serve} after a build).
     */
    static List<String> launcherJvmFlags(Path root) {
        List<String> flags = new java.util.ArrayList<>(launcherBaseFlags());
        flags.addAll(launcherTrimFlags(Runtime.version().feature()));
        Path aot = root.resolve("gatehouse-server/target/gatehouse.aot");
        Path jar = root.resolve("gatehouse-server/target/gatehouse-server.jar");
        try {
            if (Files.exists(aot) && Files.getLastModifiedTime(aot).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                flags.addAll(List.of("-XX:AOTCache=" + aot, "-Xlog:aot*=off", "-Xlog:cds*=off"));
            }
        } catch (IOException e) {
            // No cache then: the server starts as it would on the first run after a build.
        }
        return flags;
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

    /**
     * Waits until the server has gone quiet: at most {@link #QUIET_TICKS} clock ticks of CPU
     * (utime + stime, 10 ms each) in {@link #QUIET_WINDOW}, or {@code max} has passed. A row must not
     * pay for work the row before it left behind, such as the session touches a million first
     * looks queue for the writer. Returns how long it waited; without /proc it returns at once.
     */
    Duration awaitQuiet(Duration max) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + max.toNanos();
        OptionalLong before = cpuTicks(process.pid());
        while (before.isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(QUIET_WINDOW.toMillis());
            OptionalLong after = cpuTicks(process.pid());
            if (after.isEmpty() || after.getAsLong() - before.getAsLong() <= QUIET_TICKS) {
                break;
            }
            before = after;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** utime + stime of a process in clock ticks, from /proc/PID/stat (fields 14 and 15). */
    static OptionalLong cpuTicks(long pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException gone) {
            return OptionalLong.empty(); // not Linux, or the process is gone
        }
    }

    /** The same, from the text of a stat file; the name field may hold spaces and parentheses, so fields count from its last ')'. */
    static OptionalLong cpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        String[] fields = stat.substring(end + 1).trim().split(" ");
        if (end < 0 || fields.length < 13) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** VmRSS of the server's JVM in KiB. */
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
    public void close() {
        process.destroy(); // SIGTERM: the server's own shutdown
        try {
            if (!process.waitFor(java.time.Duration.ofSeconds(15).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            // Stopped while waiting: the process is killed, and whoever interrupted still sees it.
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
