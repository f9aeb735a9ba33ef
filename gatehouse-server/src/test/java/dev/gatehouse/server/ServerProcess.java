package dev.gatehouse.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gatehouse serve} as a separate operating-system process, on the test JVM's own java and
 * class path, so that signals (SIGTERM, SIGKILL) reach a real server.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final int port;

    private ServerProcess(Process process) throws InterruptedException {
        this.process = process;
        BlockingQueue<Integer> ports = new LinkedBlockingQueue<>();
        this.reader = Thread.ofVirtual().start(() -> readOutput(ports));
        Integer found = ports.poll(60, TimeUnit.SECONDS);
        if (found == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not start; it printed:\n" + String.join("\n", output));
        }
        this.port = found;
    }

    /**
     * Settings every test server gets unless its test names them: open registration, so that a
     * test makes its users with {@code POST /api/v1/users}. {@link #startAsShipped} leaves them out.
     */
    static final Map<String, String> TEST_DEFAULTS = Map.of("GATEHOUSE_REGISTRATION", "open");

    static ServerProcess start(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Map<String, String> all = new java.util.HashMap<>(TEST_DEFAULTS);
        all.putAll(environment);
        return startAsShipped(workDir, all, args);
    }

    /** The server with exactly {@code environment}: every other setting at its real default. */
    static ServerProcess startAsShipped(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), GatehouseCli.class.getName(),
                "serve", "--port", "0"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("API_") || k.startsWith("SESSION_")
                || k.equals("AUTH_TYPE") || k.equals("STORE"));
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start());
    }

    private void readOutput(BlockingQueue<Integer> ports) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    ports.add(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** SIGTERM, then waits for the process to end; returns its exit code. */
    int terminate(Duration patience) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its stdout and lose the last lines.
        process.toHandle().destroy();
        return awaitExit(patience);
    }

    /** Sends SIGTERM without waiting for the process to end. */
    void signalTerminate() {
        process.toHandle().destroy();
    }

    /** Waits for the process to end after a signal; returns its exit code. */
    int awaitExitCode(Duration patience) throws InterruptedException {
        return awaitExit(patience);
    }

    /** SIGKILL: no shutdown hook, no flush; what the store had made durable is all that remains. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    private int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not stop within " + patience);
        }
        // The process has ended, but its last lines may still be in the pipe: read them all first.
        reader.join(patience.toMillis());
        return process.exitValue();
    }

    /** Everything the process printed so far. */
    String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
