package dev.gatehouse.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The end-to-end driver (issue 6): starts Gatehouse in its own JVM, seeds it through its API,
 * loads it with wrk scenario by scenario, and writes one table (Markdown) and a PNG chart of it.
 * Run it with {@code gatehouse-bench/run}; the flags are in {@link E2eOptions} and the README.
 */
public final class E2eDriver {
    static final String BASELINE = "baseline GET /api/v1/status";
    private static final String PROTECTED_URI = "/app/page";

    private final E2eOptions options;
    private final Path workDir;
    private final Wrk wrk;
    private final String runSecret;
    private final List<ScenarioResult> rows = new ArrayList<>();
    private final List<String> facts = new ArrayList<>();
    private final int cores = Runtime.getRuntime().availableProcessors();

    private E2eDriver(E2eOptions options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
        this.wrk = new Wrk(options.root().resolve("gatehouse-bench/lua"), options.duration(), options.connections(),
                options.threads());
        this.runSecret = randomSecret();
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        E2eOptions options;
        try {
            options = E2eOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!Wrk.available()) {
            System.err.println("gatehouse-bench: wrk is not installed; install it with: apt-get install wrk");
            System.exit(3);
            return;
        }
        Path workDir = Files.createTempDirectory("gatehouse-bench-");
        try {
            new E2eDriver(options, workDir).run();
        } finally {
            deleteTree(workDir); // the database, cookie and token files: secrets, do not keep them
        }
    }

    private void run() throws Exception {
        long runStarted = System.nanoTime();
        String loadBefore = loadAverage();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path table = options.output() != null ? options.output()
                : options.root().resolve("gatehouse-bench/results/" + stamp + ".md");

        say("measuring raw Argon2id hashes/s in this JVM (" + cores + " threads, " + options.hashSeconds() + " s)...");
        double hashesPerSecond = HashRate.measure(cores, options.hashSeconds());
        rows.add(ScenarioResult.raw("raw Argon2id hashes (driver JVM)", hashesPerSecond,
                "core PasswordHasher, OWASP m=19MiB t=2 p=1, " + cores + " threads"));

        String mainAlgorithm = options.algorithms().get(0);
        Path mainDb = workDir.resolve("main.db");
        OptionalLong rssAfterStart;
        OptionalLong rssAfterRun;
        long startMillis;
        try (GatehouseProcess server = GatehouseProcess.start(options.root(), workDir, serverEnv(mainDb, mainAlgorithm))) {
            startMillis = server.startToFirst200Millis();
            rssAfterStart = server.rssKiB();
            say("server up in " + startMillis + " ms (start to first 200), RSS " + kib(rssAfterStart));
            runMainScenarios(server, mainAlgorithm);
            rssAfterRun = server.rssKiB();
        }
        for (String algorithm : options.algorithms().subList(1, options.algorithms().size())) {
            runBearerOnFreshServer(algorithm);
        }

        facts.add("start to first 200 of GET /api/v1/status: " + startMillis + " ms (from starting `java <launcher flags> -jar gatehouse-server.jar serve`, "
                + "fresh SQLite file, with the launcher's AOT cache when it has made one)");
        facts.add("server RSS (VmRSS): " + kib(rssAfterStart) + " after start, " + kib(rssAfterRun)
                + " after the run (launcher's JVM flags)");
        facts.add(String.format(Locale.ROOT, "whole run: %.0f s; load average (1, 5, 15 min) %s at the start, %s at the end",
                (System.nanoTime() - runStarted) / 1e9, loadBefore, loadAverage()));
        write(table, stamp);
    }

    private void runMainScenarios(GatehouseProcess server, String algorithm) throws Exception {
        String base = server.baseUrl();
        GatehouseClient client = new GatehouseClient(base);
        int parallel = Math.max(2, cores * 2);

        say("registering " + options.users() + " users (an Argon2id hash each)...");
        long t0 = System.nanoTime();
        GatehouseClient.inParallel(options.users(), parallel, i -> call(() -> {
            client.register(GatehouseClient.email(i), password(i));
            return null;
        }));
        facts.add(String.format(Locale.ROOT, "seeded %,d users through POST /api/v1/users in %.1f s", options.users(),
                (System.nanoTime() - t0) / 1e9));

        say("signing in " + options.sessions() + " sessions (an Argon2id hash each)...");
        List<GatehouseClient.SignIn> signIns = new ArrayList<>(signIn(client, 0, options.sessions(), parallel));
        GatehouseClient.SignIn first = signIns.get(0);
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (GatehouseClient.email(0) + ":" + password(0)).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Map<String, String> cookieEnv = verifyEnv(Map.of("GH_COOKIE", GatehouseClient.COOKIE_NAME + "=" + first.cookie()));
        Map<String, String> bearerEnv = verifyEnv(Map.of("GH_AUTHORIZATION", "Bearer " + first.accessToken()));
        warmUp(base + "/api/v1/status", Map.of());
        warmUp(base + "/auth/verify", cookieEnv);
        warmUp(base + "/auth/verify", bearerEnv);

        scenario(BASELINE, "request.lua", base + "/api/v1/status", Map.of(), 0, "");
        scenario("verify cookie", "request.lua", base + "/auth/verify", cookieEnv, 0, "one session, repeated");
        scenario("verify bearer " + algorithm, "request.lua", base + "/auth/verify", bearerEnv, 0, "one token, repeated");
        scenario("verify basic", "request.lua", base + "/auth/verify",
                verifyEnv(Map.of("GH_AUTHORIZATION", basic)), 0, "one user, repeated");
        scenario("users/me cookie", "request.lua", base + "/api/v1/users/me",
                Map.of("GH_COOKIE", GatehouseClient.COOKIE_NAME + "=" + first.cookie()), 0, "");
        scenario("users/me bearer " + algorithm, "request.lua", base + "/api/v1/users/me",
                Map.of("GH_AUTHORIZATION", "Bearer " + first.accessToken()), 0, "");
        scenario("token service create", "request.lua", base + "/api/v1/tokens", Map.of("GH_METHOD", "POST",
                "GH_CONTENT_TYPE", "application/json", "GH_BODY", GatehouseClient.json("user_data", "bench")), 0, "HS512");
        String serviceToken = client.createServiceToken("bench");
        scenario("token service verify", "request.lua", base + "/api/v1/tokens/verify", Map.of("GH_METHOD", "POST",
                "GH_CONTENT_TYPE", "application/json", "GH_BODY", GatehouseClient.json("token", serviceToken)), 0, "HS512");

        scaleScenario(base, signIns);
        if (options.scaleSessions() > signIns.size()) {
            int more = options.scaleSessions() - signIns.size();
            say("signing in " + more + " more sessions for the scale scenario...");
            signIns.addAll(signIn(client, signIns.size(), more, parallel));
            scaleScenario(base, signIns);
        }

        scenario("login", "request.lua", base + "/api/v1/auth/login", Map.of("GH_METHOD", "POST",
                        "GH_CONTENT_TYPE", "application/json",
                        "GH_BODY", GatehouseClient.json("email", GatehouseClient.email(0), "password", password(0))),
                0, "");
        noteLoginVersusHashes(rows.get(0).requestsPerSecond());

        Path tokens = workDir.resolve("refresh-tokens.txt");
        Files.write(tokens, signIns.stream().map(GatehouseClient.SignIn::refreshToken).toList());
        scenario("refresh rotation " + algorithm, "refresh.lua", base + "/api/v1/auth/token",
                Map.of("GH_TOKENS_FILE", tokens.toString()), 0,
                "chained: each answer's refresh token is the next request's; " + signIns.size() + " sign-ins"
                        + (signIns.size() < options.connections() ? " (fewer than connections: tokens run out)" : ""));
    }

    private void scaleScenario(String base, List<GatehouseClient.SignIn> signIns) throws Exception {
        Path cookies = workDir.resolve("cookies-" + signIns.size() + ".txt");
        Files.write(cookies, signIns.stream().map(GatehouseClient.SignIn::cookie).toList());
        scenario(String.format(Locale.ROOT, "scale: verify cookie, %,d sessions", signIns.size()), "cookies.lua",
                base + "/auth/verify", Map.of("GH_COOKIES_FILE", cookies.toString(), "GH_COOKIE_NAME",
                        GatehouseClient.COOKIE_NAME, "GH_ORIGINAL_URI", PROTECTED_URI), 0,
                "every live session in turn");
    }

    private List<GatehouseClient.SignIn> signIn(GatehouseClient client, int from, int count, int parallel)
            throws IOException {
        long t0 = System.nanoTime();
        List<GatehouseClient.SignIn> result = GatehouseClient.inParallel(count, parallel, i -> call(() -> {
            int user = (from + i) % options.users();
            return client.login(GatehouseClient.email(user), password(user));
        }));
        facts.add(String.format(Locale.ROOT, "signed in %,d sessions through POST /api/v1/auth/login in %.1f s", count,
                (System.nanoTime() - t0) / 1e9));
        return result;
    }

    /** A bearer check on a server of its own (fresh database), so each algorithm gets its own key ring. */
    private void runBearerOnFreshServer(String algorithm) throws Exception {
        Path db = workDir.resolve("jwt-" + algorithm + ".db");
        try (GatehouseProcess server = GatehouseProcess.start(options.root(), workDir, serverEnv(db, algorithm))) {
            GatehouseClient client = new GatehouseClient(server.baseUrl());
            client.register(GatehouseClient.email(0), password(0));
            GatehouseClient.SignIn signIn = client.login(GatehouseClient.email(0), password(0));
            Map<String, String> bearerEnv = verifyEnv(Map.of("GH_AUTHORIZATION", "Bearer " + signIn.accessToken()));
            warmUp(server.baseUrl() + "/auth/verify", bearerEnv);
            scenario("verify bearer " + algorithm, "request.lua", server.baseUrl() + "/auth/verify", bearerEnv, 0,
                    "own server (JWT_ALGORITHM=" + algorithm + "), one token, repeated");
        } catch (IOException e) {
            rows.add(ScenarioResult.failed("verify bearer " + algorithm, e.getMessage().lines().findFirst().orElse("")));
            say("verify bearer " + algorithm + " failed: " + e.getMessage());
        }
    }

    /** A pass of request.lua whose result is thrown away, so the JIT has compiled the path before it is measured. */
    private void warmUp(String url, Map<String, String> env) throws InterruptedException {
        if (!options.warmsUp()) {
            return;
        }
        try {
            wrk.run("request.lua", url, env, 0, options.warmup());
        } catch (IOException e) {
            say("  warm-up failed (measuring anyway): " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private void noteLoginVersusHashes(double hashesPerSecond) {
        int last = rows.size() - 1;
        ScenarioResult login = rows.get(last);
        rows.set(last, new ScenarioResult(login.scenario(), login.requestsPerSecond(), login.p50Millis(),
                login.p99Millis(), login.errors(), "vs raw hashes: " + ResultTable.ratio(login.requestsPerSecond(),
                hashesPerSecond) + "; throttle off (GATEHOUSE_LOGIN_MAX_FAILURES=0)"));
    }

    private void scenario(String name, String script, String url, Map<String, String> env, int connections,
                          String note) throws InterruptedException {
        say("wrk: " + name + "...");
        try {
            WrkResult result = wrk.run(script, url, env, connections);
            ScenarioResult row = ScenarioResult.of(name, result, note);
            rows.add(row);
            say(String.format(Locale.ROOT, "  %,.1f requests/s, p50 %.2f ms, p99 %.2f ms, %d errors",
                    row.requestsPerSecond(), row.p50Millis(), row.p99Millis(), row.errors()));
        } catch (IOException e) {
            rows.add(ScenarioResult.failed(name, "wrk failed"));
            say("  wrk failed: " + e.getMessage());
        }
    }

    private static Map<String, String> verifyEnv(Map<String, String> credentials) {
        Map<String, String> env = new HashMap<>(credentials);
        env.put("GH_ORIGINAL_URI", PROTECTED_URI);
        env.put("GH_ORIGINAL_METHOD", "GET");
        env.put("GH_ACCEPT", "application/json");
        return env;
    }

    private Map<String, String> serverEnv(Path db, String algorithm) {
        Map<String, String> env = new HashMap<>();
        env.put("STORE", "sqlite");
        env.put("GATEHOUSE_DB_URL", "jdbc:sqlite:" + db);
        env.put("AUTH_TYPE", "basic,session,jwt");
        env.put("JWT_ALGORITHM", algorithm);
        if (algorithm.startsWith("HS")) {
            env.put("JWT_SECRET", runSecret + runSecret + runSecret); // 96 characters: enough for HS512
        }
        env.put("GATEHOUSE_ADMIN_EMAIL", "admin@bench.test");
        env.put("GATEHOUSE_ADMIN_PASSWORD", "admin-" + runSecret);
        // the failed-login throttle would answer 429 to a load of sign-ins of one account from one address
        env.put("GATEHOUSE_LOGIN_MAX_FAILURES", "0");
        env.put("GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS", "0");
        return env;
    }

    private String password(int user) {
        return "pw-" + runSecret + "-" + user;
    }

    private void write(Path table, String stamp) throws IOException {
        Path png = table.resolveSibling(table.getFileName().toString().replaceFirst("\\.md$", "") + ".png");
        StringBuilder md = new StringBuilder();
        md.append("# Gatehouse end-to-end run ").append(stamp).append(" UTC\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s; JDK %s; %s. wrk: -t%d -c%d -d%s on the same machine, "
                        + "after a %s warm-up pass of the status, cookie and bearer checks on each server.%n%n",
                cores, osName(), System.getProperty("java.version"), mainAlgorithmNote(), wrk.threads(),
                wrk.connections(), options.duration(), options.warmsUp() ? options.warmup() : "no"));
        md.append(ResultTable.markdown(rows, BASELINE)).append('\n');
        md.append("- requests/s counts answers that were not errors; errors = answers with a status above 399 plus "
                + "socket errors (connect, read, write, timeout).\n");
        md.append("- /auth/verify asks about `" + PROTECTED_URI + "` (X-Original-URI, from loopback: a trusted proxy by default).\n");
        for (String fact : facts) {
            md.append("- ").append(fact).append('\n');
        }
        md.append("\n![requests/s per scenario](").append(png.getFileName()).append(")\n");
        Files.createDirectories(table.toAbsolutePath().getParent());
        Files.writeString(table, md.toString());
        ResultChart.writePng(rows, "Gatehouse e2e " + stamp + " (requests/s)", png);
        System.out.println();
        System.out.println(md);
        System.out.println("written: " + table + " and " + png);
    }

    private String mainAlgorithmNote() {
        return "main server JWT_ALGORITHM=" + options.algorithms().get(0) + ", AUTH_TYPE=basic,session,jwt, STORE=sqlite";
    }

    /** The first three fields of /proc/loadavg: how busy the machine was beside this run. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    private static String osName() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    private static String kib(OptionalLong kib) {
        return kib.isPresent() ? String.format(Locale.ROOT, "%.0f MB", kib.getAsLong() / 1024.0) : "unknown";
    }

    private static void say(String line) {
        System.err.println("gatehouse-bench: " + line);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    interface IoCall<T> {
        T call() throws IOException, InterruptedException;
    }

    private static <T> T call(IoCall<T> work) {
        try {
            return work.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
