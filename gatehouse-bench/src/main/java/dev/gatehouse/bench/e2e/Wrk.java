package dev.gatehouse.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs wrk with one of the Lua scripts in gatehouse-bench/lua and reads its result line. */
final class Wrk {
    private final Path luaDir;
    private final String duration;
    private final int connections;
    private final int threads;

    Wrk(Path luaDir, String duration, int connections, int threads) {
        this.luaDir = luaDir;
        this.duration = duration;
        this.connections = connections;
        this.threads = threads;
    }

    /** Is wrk on the PATH? */
    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Path.of(dir, "wrk").toFile().canExecute()) {
                return true;
            }
        }
        return false;
    }

    int threads() {
        return threads;
    }

    int connections() {
        return connections;
    }

    /**
     * Runs the script against url with the given environment (headers, bodies and secrets go in
     * the environment, never on the command line); connections overrides the default when above 0.
     */
    WrkResult run(String script, String url, Map<String, String> env, int connectionsOverride)
            throws IOException, InterruptedException {
        return run(script, url, env, connectionsOverride, duration);
    }

    /** The same load for another duration (a warm-up pass whose result is thrown away). */
    WrkResult run(String script, String url, Map<String, String> env, int connectionsOverride, String forHowLong)
            throws IOException, InterruptedException {
        int c = connectionsOverride > 0 ? connectionsOverride : connections;
        int t = Math.min(threads, c);
        ProcessBuilder builder = new ProcessBuilder(List.of("wrk", "-t" + t, "-c" + c, "-d" + forHowLong,
                "--timeout", "30s", "-s", luaDir.resolve(script).toString(), url))
                .directory(luaDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("GH_THREADS", Integer.toString(t));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        return WrkResult.parse(output).orElseThrow(() -> new IOException(
                "wrk exited with " + exit + " and printed no result line:\n" + output));
    }
}
