package dev.gatehouse.bench.e2e;

import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.server.config.GatehouseConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The end-to-end driver: starts Gatehouse once on a new SQLite file (the first-start
 * time), seeds the file with users and sessions ({@link DatabaseSeeder}), starts Gatehouse on it
 * again in its own JVM, signs a few sessions in through
 * its API, loads it with wrk scenario by scenario (stopping it to seed more sessions for a large
 * scale row), and writes one table (Markdown) and a PNG chart of it.
 * Run it with {@code gatehouse-bench/run}; the flags are in {@link E2eOptions} and the README.
 */
public final class E2eDriver {
    static final String BASELINE = "baseline GET /api/v1/status";
    private static final String PROTECTED_URI = "/app/page";
    private static final String ADMIN_EMAIL = "admin@bench.test";
    private static final String BENCH_REDIRECT = "https://app.bench.test/callback";
    /** RFC 7636 appendix B's verifier and its S256 challenge: one pair serves every code of the run. */
    private static final String BENCH_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String BENCH_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    /** See {@link #signingWarmUp}. */
    private static final String SIGNING_WARM_UP = "25s";
    /**
     * How long a row, or a raw measurement, waits at most for the server to go quiet before it
     * starts, so that it does not pay for work the row before left behind: sign-ins still queued
     * for a hash when wrk stops, session touches written behind.
     */
    private static final Duration QUIET_WAIT = Duration.ofSeconds(20);

    private final E2eOptions options;
    private final Path workDir;
    private final Wrk wrk;
    private final String runSecret;
    private final List<ScenarioResult> rows = new ArrayList<>();
    private final List<String> facts = new ArrayList<>();
    private final int cores = Runtime.getRuntime().availableProcessors();
    /** The cookie check of one signed-in session: the warm-up of a restarted server. */
    private Map<String, String> cookieWarmUp = Map.of();

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
        say("measuring raw " + mainAlgorithm + " signatures/s in this JVM (" + cores + " threads, " + options.hashSeconds() + " s)...");
        double signsPerSecond = SignRate.measure(SigningAlgorithm.valueOf(mainAlgorithm), cores, options.hashSeconds());
        rows.add(ScenarioResult.raw("raw " + mainAlgorithm + " signatures (driver JVM)", signsPerSecond,
                "core AccessTokenIssuer, one access token each, " + cores + " threads"));
        Path mainDb = workDir.resolve("main.db");
        // A first start, as an operator's first `./gatehouse serve`: the file is made, its schema
        // created, the signing keys generated and the admin added. The seeder then writes into it.
        long firstStartMillis;
        try (GatehouseProcess first = GatehouseProcess.start(options.root(), workDir, serverEnv(mainDb, mainAlgorithm))) {
            firstStartMillis = first.startToFirst200Millis();
            say("first start on a new file in " + firstStartMillis + " ms (start to first 200)");
        }
        DatabaseSeeder seeder = new DatabaseSeeder(mainDb, workDir.resolve("cookies.txt"), serverSessionPolicy(), Clock.systemUTC());
        seedUsers(seeder);
        seedSessions(seeder, options.sessions());
        OptionalLong rssAfterStart;
        OptionalLong rssAfterRun;
        long startMillis;
        GatehouseProcess server = GatehouseProcess.start(options.root(), workDir, serverEnv(mainDb, mainAlgorithm));
        try {
            startMillis = server.startToFirst200Millis();
            rssAfterStart = server.rssKiB();
            say("server up in " + startMillis + " ms (start to first 200), RSS " + kib(rssAfterStart));
            runMainScenarios(server, mainAlgorithm);
            rssAfterRun = server.rssKiB();
            for (int size : options.scaleSessions()) {
                if (size > seeder.sessions()) {
                    server = restartWithMoreSessions(server, seeder, size, serverEnv(mainDb, mainAlgorithm));
                }
                scaleScenario(server, seeder, size);
            }
            int smallest = options.scaleSessions().stream().mapToInt(Integer::intValue).min().orElse(seeder.sessions());
            if (smallest < seeder.sessions()) {
                // The smallest row's sessions again, now among all the seeded ones: what the size of
                // the store costs when the sessions asked about are the same, apart from first looks.
                scaleScenario(server, seeder, smallest);
            }
        } finally {
            server.close();
        }
        for (String algorithm : options.algorithms().subList(1, options.algorithms().size())) {
            runBearerOnFreshServer(algorithm);
        }

        facts.add(String.format(Locale.ROOT, "start to first 200 of GET /api/v1/status (from starting `java <launcher flags> "
                + "-jar gatehouse-server.jar serve`, with the launcher's AOT cache when it has made one): %d ms the first time, on a "
                + "new SQLite file (schema, %s signing keys and the admin made); %d ms on that file seeded with %,d users and %,d "
                + "sessions", firstStartMillis, mainAlgorithm, startMillis, options.users(), options.sessions()));
        facts.add("server RSS (VmRSS): " + kib(rssAfterStart) + " after start, " + kib(rssAfterRun)
                + " after the scenarios before the scale rows (launcher's JVM flags)");
        facts.add(String.format(Locale.ROOT, "whole run: %.0f s; load average (1, 5, 15 min) %s at the start, %s at the end",
                (System.nanoTime() - runStarted) / 1e9, loadBefore, loadAverage()));
        write(table, stamp);
    }

    private void runMainScenarios(GatehouseProcess server, String algorithm) throws Exception {
        String base = server.baseUrl();
        GatehouseClient client = new GatehouseClient(base);
        int parallel = Math.max(2, cores * 2);

        int count = apiSignIns();
        say("signing in " + count + " sessions through the API (an Argon2id hash each) for the cookie, bearer and refresh rows...");
        List<GatehouseClient.SignIn> signIns = signIn(client, count, parallel);
        GatehouseClient.SignIn first = signIns.get(0);
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (GatehouseClient.email(0) + ":" + password()).getBytes(StandardCharsets.UTF_8));

        Map<String, String> cookieEnv = verifyEnv(Map.of("GH_COOKIE", GatehouseClient.COOKIE_NAME + "=" + first.cookie()));
        cookieWarmUp = cookieEnv;
        Map<String, String> bearerEnv = verifyEnv(Map.of("GH_AUTHORIZATION", "Bearer " + first.accessToken()));
        warmUp(base + "/api/v1/status", Map.of());
        warmUp(base + "/auth/verify", cookieEnv);
        warmUp(base + "/auth/verify", bearerEnv);

        scenario(server, BASELINE, "request.lua", base + "/api/v1/status", Map.of(), 0, "");
        pairedScenario(server, "verify cookie", "request.lua", base + "/auth/verify", cookieEnv, 0, "one session, repeated");
        pairedScenario(server, "verify bearer " + algorithm, "request.lua", base + "/auth/verify", bearerEnv, 0, "one token, repeated");
        pairedScenario(server, "verify basic", "request.lua", base + "/auth/verify",
                verifyEnv(Map.of("GH_AUTHORIZATION", basic)), 0, "one user, repeated");
        pairedScenario(server, "users/me cookie", "request.lua", base + "/api/v1/users/me",
                Map.of("GH_COOKIE", GatehouseClient.COOKIE_NAME + "=" + first.cookie()), 0, "");
        pairedScenario(server, "users/me bearer " + algorithm, "request.lua", base + "/api/v1/users/me",
                Map.of("GH_AUTHORIZATION", "Bearer " + first.accessToken()), 0, "");
        pairedScenario(server, "token service create", "request.lua", base + "/api/v1/tokens", Map.of("GH_METHOD", "POST",
                "GH_CONTENT_TYPE", "application/json", "GH_BODY", GatehouseClient.json("user_data", "bench")), 0, "HS512");
        String serviceToken = client.createServiceToken("bench");
        pairedScenario(server, "token service verify", "request.lua", base + "/api/v1/tokens/verify", Map.of("GH_METHOD", "POST",
                "GH_CONTENT_TYPE", "application/json", "GH_BODY", GatehouseClient.json("token", serviceToken)), 0, "HS512");

        scenario(server, "login", "request.lua", base + "/api/v1/auth/login", Map.of("GH_METHOD", "POST",
                        "GH_CONTENT_TYPE", "application/json",
                        "GH_BODY", GatehouseClient.json("email", GatehouseClient.email(0), "password", password())),
                0, "throttle off (GATEHOUSE_LOGIN_MAX_FAILURES=0); 503 busy answers count as errors");
        remeasureRaw(server, 0, () -> HashRate.measure(cores, options.hashSeconds()), "login");
        noteVersusRaw(rows.get(0).requestsPerSecond(), "vs raw hashes: ");

        Path tokens = refreshTokens("refresh-tokens.txt", signIns.subList(0, measuredSignIns()));
        if (options.warmsUp()) {
            // A chain of sign-ins of its own: a token the warm-up spent could not be spent again when measuring.
            signingWarmUp("refresh.lua", base + "/api/v1/auth/token", Map.of("GH_TOKENS_FILE",
                    refreshTokens("refresh-warm-up-tokens.txt", signIns.subList(measuredSignIns(), signIns.size())).toString()));
        }
        scenario(server, "refresh rotation " + algorithm, "refresh.lua", base + "/api/v1/auth/token",
                Map.of("GH_TOKENS_FILE", tokens.toString()), 0,
                "chained: each answer's refresh token is the next request's; " + measuredSignIns() + " sign-ins");
        remeasureRaw(server, 1, () -> SignRate.measure(SigningAlgorithm.valueOf(algorithm), cores, options.hashSeconds()), "refresh");
        noteVersusRaw(rows.get(1).requestsPerSecond(), "vs raw signatures: ");

        openIdScenarios(server, client, first.cookie(), algorithm);
    }

    /**
     * The OpenID provider's rows: client_credentials and the code exchange against raw signatures
     * measured right after each (the code exchange signs two tokens, an access and an ID token),
     * userinfo against the baseline. The codes are made through {@code GET /authorize} by a
     * signed-in user of a first-party client just before the row, as a code lives a minute.
     */
    private void openIdScenarios(GatehouseProcess server, GatehouseClient client, String cookie, String algorithm) throws Exception {
        String base = server.baseUrl();
        String serviceSecret = client.registerClient(ADMIN_EMAIL, adminPassword(), "{\"client_id\":\"bench-service\",\"client_name\":"
                + "\"Bench service\",\"grant_types\":[\"client_credentials\"],\"scope\":\"bench\"}");
        Map<String, String> grantEnv = Map.of("GH_METHOD", "POST", "GH_CONTENT_TYPE", "application/x-www-form-urlencoded",
                "GH_AUTHORIZATION", basic("bench-service", serviceSecret), "GH_BODY", "grant_type=client_credentials");
        signingWarmUp("request.lua", base + "/token", grantEnv);
        scenario(server, "client_credentials grant " + algorithm, "request.lua", base + "/token", grantEnv, 0,
                "POST /token, client_secret_basic; target 0.8x raw signatures");
        noteVersusRawRightAfter(server, algorithm, 1);

        String appSecret = client.registerClient(ADMIN_EMAIL, adminPassword(), "{\"client_id\":\"bench-app\",\"client_name\":\"Bench app\","
                + "\"redirect_uris\":[\"" + BENCH_REDIRECT + "\"],\"grant_types\":[\"authorization_code\"],\"scope\":\"openid email\","
                + "\"first_party\":true}");
        String appBasic = basic("bench-app", appSecret);
        String exchange = "grant_type=authorization_code&redirect_uri=" + URLEncoder.encode(BENCH_REDIRECT, StandardCharsets.UTF_8)
                + "&code_verifier=" + BENCH_VERIFIER + "&code=";
        String accessToken = client.exchangeCode(appBasic, exchange + client.authorizationCode(cookie, authorizeQuery()));
        pairedScenario(server, "userinfo " + algorithm, "request.lua", base + "/userinfo",
                Map.of("GH_AUTHORIZATION", "Bearer " + accessToken), 0, "one token of a first-party app, repeated; target 0.8x baseline");

        // Enough codes for the row at twice the raw rate, which two signatures an exchange cannot reach.
        int codes = (int) Math.ceil(rows.get(1).requestsPerSecond() * wrkSeconds(options.duration()));
        Path codesFile = authorizationCodes(client, cookie, codes, "codes.txt");
        scenario(server, "code exchange " + algorithm, "codes.lua", base + "/token",
                Map.of("GH_CODES_FILE", codesFile.toString(), "GH_AUTHORIZATION", appBasic, "GH_BODY", exchange), 0,
                "POST /token, authorization_code with PKCE, an access and an ID token each; " + codes + " codes made just before");
        noteVersusRawRightAfter(server, algorithm, 2);
    }

    /** The last row against raw signatures measured right after it, {@code signatures} to a request. */
    private void noteVersusRawRightAfter(GatehouseProcess server, String algorithm, int signatures) throws Exception {
        // Not the mean from minutes before: the machine's speed drifts (see remeasureRaw).
        server.awaitQuiet(QUIET_WAIT);
        double rawAfter = SignRate.measure(SigningAlgorithm.valueOf(algorithm), cores, options.hashSeconds());
        noteVersusRaw(rawAfter / signatures, String.format(Locale.ROOT, "vs raw signatures right after (%,.0f/s%s): ", rawAfter,
                signatures == 1 ? "" : ", " + signatures + " a request"));
    }

    private Path authorizationCodes(GatehouseClient client, String cookie, int count, String fileName) throws IOException {
        long t0 = System.nanoTime();
        List<String> codes = GatehouseClient.inParallel(count, Math.max(2, cores * 2),
                i -> call(() -> client.authorizationCode(cookie, authorizeQuery())));
        facts.add(String.format(Locale.ROOT, "made %,d authorization codes through GET /authorize in %.1f s", count,
                (System.nanoTime() - t0) / 1e9));
        Path file = workDir.resolve(fileName);
        Files.write(file, codes);
        return file;
    }

    private static String authorizeQuery() {
        return "response_type=code&client_id=bench-app&scope=openid%20email&redirect_uri=" + URLEncoder.encode(BENCH_REDIRECT, StandardCharsets.UTF_8)
                + "&code_challenge=" + BENCH_CHALLENGE + "&code_challenge_method=S256";
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** wrk's duration ({@code 6s}, {@code 1m}, {@code 1h}, or seconds) in seconds. */
    private static long wrkSeconds(String duration) {
        char unit = duration.charAt(duration.length() - 1);
        long amount = Long.parseLong(Character.isDigit(unit) ? duration : duration.substring(0, duration.length() - 1));
        return switch (unit) {
            case 'm' -> amount * 60;
            case 'h' -> amount * 3600;
            default -> amount;
        };
    }

    /** A raw rate, measured without the server's load. */
    @FunctionalInterface
    private interface RawMeasurement {
        double perSecond() throws Exception;
    }

    /**
     * Measures raw row {@code index} again, right after the row that is held against it, and
     * keeps the mean of both measurements. This machine's speed drifts over minutes (a shared
     * host): one measurement at the start of the run against a row minutes later moved the
     * login ratio by 20 points between runs.
     */
    private void remeasureRaw(GatehouseProcess server, int index, RawMeasurement measurement, String row) throws Exception {
        ScenarioResult first = rows.get(index);
        server.awaitQuiet(QUIET_WAIT); // sign-ins still queued when wrk stops are hashed for up to a second after
        say("measuring " + first.scenario() + " again, after the " + row + " row...");
        double again = measurement.perSecond();
        double mean = (first.requestsPerSecond() + again) / 2;
        rows.set(index, ScenarioResult.raw(first.scenario(), mean, first.note() + String.format(Locale.ROOT,
                "; mean of %,.1f/s at the start and %,.1f/s right after the %s row", first.requestsPerSecond(), again, row)));
    }

    /**
     * The cookie check over {@code size} seeded sessions: each request the next of the first
     * {@code size} lines of the cookie file, so every one of them is looked up in turn.
     */
    private void scaleScenario(GatehouseProcess server, DatabaseSeeder seeder, int size) throws InterruptedException {
        String base = server.baseUrl();
        String note = size == seeder.sessions() ? "every seeded session in turn"
                : String.format(Locale.ROOT, "the first %,d of %,d seeded sessions in turn", size, seeder.sessions());
        String name = size == seeder.sessions()
                ? String.format(Locale.ROOT, "scale: verify cookie, %,d sessions", size)
                : String.format(Locale.ROOT, "scale: verify cookie, %,d of %,d sessions", size, seeder.sessions());
        scenario(server, name, "cookies.lua",
                base + "/auth/verify", Map.of("GH_COOKIES_FILE", seeder.cookies().toString(),
                        "GH_COOKIES_LIMIT", Integer.toString(size), "GH_COOKIE_NAME", GatehouseClient.COOKIE_NAME,
                        "GH_ORIGINAL_URI", PROTECTED_URI), 0, note);
    }

    /**
     * Stops the server, bulk-inserts the sessions a scale row needs into its file and starts it
     * again: the seeder must not write beside a running server (SQLite has one writer, and the
     * server's caches would not hear of rows written behind its back).
     */
    private GatehouseProcess restartWithMoreSessions(GatehouseProcess server, DatabaseSeeder seeder, int size,
                                                     Map<String, String> env) throws Exception {
        say(String.format(Locale.ROOT, "stopping the server to seed %,d sessions in all...", size));
        server.close();
        seedSessions(seeder, size - seeder.sessions());
        GatehouseProcess restarted = GatehouseProcess.start(options.root(), workDir, env);
        OptionalLong rss = restarted.rssKiB();
        say("server up again in " + restarted.startToFirst200Millis() + " ms, RSS " + kib(rss));
        facts.add(String.format(Locale.ROOT, "restarted on the file with %,d sessions for the %,d row: start to first 200 %d ms, "
                + "RSS %s after start", seeder.sessions(), size, restarted.startToFirst200Millis(), kib(rss)));
        warmUp(restarted.baseUrl() + "/api/v1/status", Map.of());
        warmUp(restarted.baseUrl() + "/auth/verify", cookieWarmUp);
        return restarted;
    }

    /**
     * The API sign-ins the cookie, bearer and refresh rows use: two refresh tokens per wrk
     * connection for the refresh row, and one more per connection for its warm-up pass.
     */
    private int apiSignIns() {
        return measuredSignIns() + (options.warmsUp() ? options.connections() : 0);
    }

    /** The sign-ins whose refresh tokens start the measured refresh row's chains. */
    private int measuredSignIns() {
        return 2 * options.connections();
    }

    private Path refreshTokens(String fileName, List<GatehouseClient.SignIn> signIns) throws IOException {
        Path file = workDir.resolve(fileName);
        Files.write(file, signIns.stream().map(GatehouseClient.SignIn::refreshToken).toList());
        return file;
    }

    private List<GatehouseClient.SignIn> signIn(GatehouseClient client, int count, int parallel) throws IOException {
        long t0 = System.nanoTime();
        List<GatehouseClient.SignIn> result = GatehouseClient.inParallel(count, parallel, i -> call(() ->
                client.login(GatehouseClient.email(i % options.users()), password())));
        facts.add(String.format(Locale.ROOT, "signed in %,d sessions through POST /api/v1/auth/login in %.1f s", count,
                (System.nanoTime() - t0) / 1e9));
        return result;
    }

    /** Users into the stopped server's file: one Argon2id hash (the server's parameters) shared by all. */
    private void seedUsers(DatabaseSeeder seeder) {
        say(String.format(Locale.ROOT, "seeding %,d users into the SQLite file...", options.users()));
        long t0 = System.nanoTime();
        String hash = PasswordHasher.withDefaults(1).hash(password());
        seeder.addUsers(options.users(), hash);
        facts.add(String.format(Locale.ROOT, "seeded %,d users straight into the SQLite file in %.1f s (store-jdbc's insertAll; "
                + "one Argon2id hash shared by all: they have one password)", options.users(), (System.nanoTime() - t0) / 1e9));
    }

    private void seedSessions(DatabaseSeeder seeder, int count) throws IOException {
        say(String.format(Locale.ROOT, "seeding %,d sessions into the SQLite file...", count));
        long t0 = System.nanoTime();
        seeder.addSessions(count);
        double seconds = (System.nanoTime() - t0) / 1e9;
        say(String.format(Locale.ROOT, "  %,d sessions in %.1f s", count, seconds));
        facts.add(String.format(Locale.ROOT, "seeded %,d sessions straight into the SQLite file in %.1f s (%,.0f/s; "
                + "store-jdbc's insertAll, tokens and hashes as SessionService makes them)", count, seconds, count / seconds));
    }

    /**
     * The policy the server starts sessions under. The driver sets no session setting, so the
     * server runs with the defaults; seeded sessions then live exactly as long as signed-in ones.
     */
    private static SessionPolicy serverSessionPolicy() {
        GatehouseConfig defaults = GatehouseConfig.defaults();
        return new SessionPolicy(defaults.sessionDuration(), defaults.sessionIdleTimeout());
    }

    /** A bearer check on a server of its own (fresh database), so each algorithm gets its own key ring. */
    private void runBearerOnFreshServer(String algorithm) throws Exception {
        Path db = workDir.resolve("jwt-" + algorithm + ".db");
        try (GatehouseProcess server = GatehouseProcess.start(options.root(), workDir, serverEnv(db, algorithm))) {
            GatehouseClient client = new GatehouseClient(server.baseUrl());
            client.register(GatehouseClient.email(0), password());
            GatehouseClient.SignIn signIn = client.login(GatehouseClient.email(0), password());
            Map<String, String> bearerEnv = verifyEnv(Map.of("GH_AUTHORIZATION", "Bearer " + signIn.accessToken()));
            // As long as the main server's warm-up before its bearer row (three passes), so the JIT
            // has compiled this JVM's check path as far: one pass left these rows at a third of it.
            for (int pass = 0; pass < 3; pass++) {
                warmUp(server.baseUrl() + "/auth/verify", bearerEnv);
            }
            // The baseline slice after the row measures this server's status endpoint: warm it too,
            // or the row is held against a cold baseline (half the main server's in a trial run).
            warmUp(server.baseUrl() + "/api/v1/status", Map.of());
            pairedScenario(server, "verify bearer " + algorithm, "request.lua", server.baseUrl() + "/auth/verify", bearerEnv, 0,
                    "own server (JWT_ALGORITHM=" + algorithm + "), one token, repeated");
        } catch (IOException e) {
            rows.add(ScenarioResult.failed("verify bearer " + algorithm, e.getMessage().lines().findFirst().orElse("")));
            say("verify bearer " + algorithm + " failed: " + e.getMessage());
        }
    }

    /** A pass of request.lua whose result is thrown away, so the JIT has compiled the path before it is measured. */
    private void warmUp(String url, Map<String, String> env) throws InterruptedException {
        warmUp("request.lua", url, env);
    }

    private void warmUp(String script, String url, Map<String, String> env) throws InterruptedException {
        warmUp(script, url, env, options.warmup());
    }

    /**
     * The warm-up of a row that signs a token per request. On a saturated 2-core server the JIT
     * compiles RSA's big-number code slowly (its threads share the cores with the requests): the
     * client_credentials row rose from 0.35x to 0.9x the raw signature rate over its first 25 s, so
     * a 3 s pass measured the compiler, not the endpoint.
     */
    private void signingWarmUp(String script, String url, Map<String, String> env) throws InterruptedException {
        warmUp(script, url, env, SIGNING_WARM_UP);
    }

    private void warmUp(String script, String url, Map<String, String> env, String duration) throws InterruptedException {
        if (!options.warmsUp()) {
            return;
        }
        try {
            wrk.run(script, url, env, 0, duration);
        } catch (IOException e) {
            say("  warm-up failed (measuring anyway): " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Puts the last row's ratio to a raw rate measured in this JVM (rows 0 and 1) in front of its note. */
    private void noteVersusRaw(double rawPerSecond, String label) {
        int last = rows.size() - 1;
        ScenarioResult row = rows.get(last);
        String note = label + ResultTable.ratio(row.requestsPerSecond(), rawPerSecond) + (row.note().isEmpty() ? "" : "; " + row.note());
        rows.set(last, row.withNote(note));
    }

    /**
     * A check row held against a slice of the baseline measured on the same server right after
     * it. This machine's speed drifts over minutes (a shared host: baselines of 19-34k in one
     * day, slices of one run 16-29k), so the ratio to one baseline at the start of the run
     * measured the drift as much as the check. The slice follows the row, so that the row, run
     * first, finds the server as its warm-up left it. A row whose slice failed is held against the
     * baseline row.
     */
    private void pairedScenario(GatehouseProcess server, String name, String script, String url, Map<String, String> env,
                                int connections, String note) throws InterruptedException {
        scenario(server, name, script, url, env, connections, note);
        int last = rows.size() - 1;
        ScenarioResult row = rows.get(last);
        if (Double.isNaN(row.requestsPerSecond())) {
            return;
        }
        OptionalDouble beside = baselineSlice(server);
        if (beside.isPresent()) {
            String besideNote = String.format(Locale.ROOT, "baseline right after: %,.0f/s", beside.getAsDouble());
            rows.set(last, row.pairedWith(beside.getAsDouble()).withNote(row.note().isEmpty() ? besideNote : row.note() + "; " + besideNote));
        }
    }

    private OptionalDouble baselineSlice(GatehouseProcess server) throws InterruptedException {
        server.awaitQuiet(QUIET_WAIT);
        try {
            return OptionalDouble.of(wrk.run("request.lua", server.baseUrl() + "/api/v1/status", Map.of(), 0,
                    options.baselineSlice()).okPerSecond());
        } catch (IOException e) {
            say("  baseline slice failed (held against the baseline row): " + e.getMessage().lines().findFirst().orElse(""));
            return OptionalDouble.empty();
        }
    }

    private void scenario(GatehouseProcess server, String name, String script, String url, Map<String, String> env, int connections,
                          String note) throws InterruptedException {
        Duration settled = server.awaitQuiet(QUIET_WAIT);
        if (settled.compareTo(Duration.ofSeconds(1)) >= 0) {
            say(String.format(Locale.ROOT, "  (waited %.1f s for the server to finish the last row's work)", settled.toMillis() / 1000.0));
        }
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
        env.put("GATEHOUSE_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("GATEHOUSE_ADMIN_PASSWORD", adminPassword());
        // the failed-login throttle would answer 429 to a load of sign-ins of one account from one address
        env.put("GATEHOUSE_LOGIN_MAX_FAILURES", "0");
        env.put("GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS", "0");
        // the driver makes its users with POST /api/v1/users, as a client would, without signing in first
        env.put("GATEHOUSE_REGISTRATION", "open");
        return env;
    }

    /** The admin's password: a secret of this run, like {@link #password()}. */
    private String adminPassword() {
        return "admin-" + runSecret;
    }

    /** The one password of every seeded user (a secret of this run: it goes nowhere but the API and the hasher). */
    private String password() {
        return "pw-" + runSecret;
    }

    private void write(Path table, String stamp) throws IOException {
        Path png = table.resolveSibling(table.getFileName().toString().replaceFirst("\\.md$", "") + ".png");
        StringBuilder md = new StringBuilder();
        md.append("# Gatehouse end-to-end run ").append(stamp).append(" UTC\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s; JDK %s; %s. wrk: -t%d -c%d -d%s on the same machine, "
                        + "after a %s warm-up pass of the status, cookie and bearer checks on each server and of the refresh row.%n%n",
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
