package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.SpawnsProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three Gatehouse processes on loopback sharing stores: what one instance does, the others honour
 * within a second. Subclasses say which stores: PostgreSQL alone, or PostgreSQL and Redis.
 */
@SpawnsProcesses
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScaleOutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROPAGATION = Duration.ofSeconds(1);

    private SharedPostgres postgres;
    private final List<ServerProcess> servers = new ArrayList<>();

    /** What the three servers share beyond PostgreSQL; closed after them. */
    abstract Optional<AutoCloseable> moreStores(Map<String, String> environment);

    /** Each test signs up a user of its own, so that they share the three servers without meeting. */
    private static String user(String name) {
        return "{\"email\":\"" + name + "@example.com\",\"password\":\"correct horse battery\"}";
    }

    private Optional<AutoCloseable> more = Optional.empty();
    private Map<String, String> environment;

    @BeforeAll
    void startThreeInstances(@TempDir Path dir) throws Exception {
        postgres = SharedPostgres.create();
        environment = new HashMap<>(Map.of("STORE", "postgres", "GATEHOUSE_DB_URL", postgres.url(), "AUTH_TYPE", "jwt,session",
                "GATEHOUSE_ISSUER", "https://auth.example.test", "JWT_ALGORITHM", "ES256"));
        more = moreStores(environment);
        // One first, so that the schema and the key ring are made once; the others find them.
        servers.add(ServerProcess.start(dir, environment));
        servers.add(ServerProcess.start(dir, environment));
        servers.add(ServerProcess.start(dir, environment));
    }

    @AfterAll
    void stopAll() throws Exception {
        servers.forEach(ServerProcess::close);
        if (more.isPresent()) {
            more.get().close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private int port(int instance) {
        return servers.get(instance).port();
    }

    private static int me(int port, String... headers) {
        return Http.send("GET", port, "/api/v1/users/me", null, headers).statusCode();
    }

    /** Asks until the answer is what is wanted, for at most {@code within}; true when it came in time. */
    private static boolean becomes(Duration within, int port, IntPredicate wanted, String... headers) {
        long deadline = System.nanoTime() + within.toNanos();
        do {
            if (wanted.test(me(port, headers))) {
                return true;
            }
        } while (System.nanoTime() < deadline);
        return false;
    }

    @Test
    void registerOnALoginOnBUseOnCLogOutOnAAndBAndCRefuse() throws Exception {
        String ada = user("ada");
        assertThat(Http.send("POST", port(0), "/api/v1/users", ada).statusCode()).isEqualTo(201);
        HttpResponse<String> login = Http.send("POST", port(1), "/api/v1/auth/login", ada);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String cookie = "gatehouse_session=" + Http.cookie(login, "gatehouse_session").orElseThrow();
        String bearer = "Bearer " + JSON.readTree(login.body()).path("access_token").asText();

        for (int instance = 0; instance < 3; instance++) {
            assertThat(me(port(instance), "Cookie", cookie)).as("cookie on %d", instance).isEqualTo(200);
            assertThat(me(port(instance), "Authorization", bearer)).as("bearer on %d", instance).isEqualTo(200);
            // Twice: the second answer may come from the instance's cache, which the logout must reach.
            assertThat(me(port(instance), "Cookie", cookie)).isEqualTo(200);
        }

        assertThat(Http.send("POST", port(0), "/api/v1/auth/logout", null, "Cookie", cookie).statusCode()).isEqualTo(204);

        for (int instance = 1; instance < 3; instance++) {
            assertThat(becomes(PROPAGATION, port(instance), status -> status == 401, "Cookie", cookie))
                    .as("the session is refused on instance %d within %s", instance, PROPAGATION).isTrue();
            assertThat(becomes(PROPAGATION, port(instance), status -> status == 401, "Authorization", bearer))
                    .as("the access token of the session is refused on instance %d within %s", instance, PROPAGATION).isTrue();
        }
    }

    @Test
    void anAccessTokenRevokedOnOneInstanceIsRefusedByTheOthers() throws Exception {
        String dee = user("dee");
        Http.send("POST", port(0), "/api/v1/users", dee);
        String access = JSON.readTree(Http.send("POST", port(0), "/api/v1/auth/login", dee).body()).path("access_token").asText();
        for (int instance = 0; instance < 3; instance++) {
            assertThat(me(port(instance), "Authorization", "Bearer " + access)).isEqualTo(200);
        }

        assertThat(Http.send("POST", port(2), "/api/v1/auth/revoke", "{\"token\":\"" + access + "\"}").statusCode()).isEqualTo(200);

        for (int instance = 0; instance < 2; instance++) {
            assertThat(becomes(PROPAGATION, port(instance), status -> status == 401, "Authorization", "Bearer " + access))
                    .as("the revoked token is refused on instance %d within %s", instance, PROPAGATION).isTrue();
        }
    }

    @Test
    void aRotationReachesEveryInstanceAndTheyServeOneJwks() throws Exception {
        String before = jwks(0);
        for (int instance = 1; instance < 3; instance++) {
            assertThat(jwks(instance)).isEqualTo(before);
        }

        String printed = rotate();
        String newKid = printed.lines().filter(l -> l.startsWith("signing key: ")).findFirst().orElseThrow()
                .substring("signing key: ".length()).split(" ")[0];

        String bob = user("bob");
        Http.send("POST", port(0), "/api/v1/users", bob);
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        boolean[] signsWithNewKey = new boolean[3];
        while (System.nanoTime() < deadline && !(signsWithNewKey[0] && signsWithNewKey[1] && signsWithNewKey[2])) {
            for (int instance = 0; instance < 3; instance++) {
                signsWithNewKey[instance] |= kidOfANewToken(instance, bob).equals(newKid);
            }
        }
        assertThat(signsWithNewKey).as("every instance signs with %s within %s", newKid, PROPAGATION).containsOnly(true);
        String after = jwks(0);
        assertThat(after).isNotEqualTo(before).contains(newKid);
        for (int instance = 1; instance < 3; instance++) {
            assertThat(jwks(instance)).isEqualTo(after);
        }
    }

    @Test
    void aRefreshTokenReusedOnAnotherInstanceEndsTheFamilyEverywhere() throws Exception {
        String cy = user("cy");
        Http.send("POST", port(0), "/api/v1/users", cy);
        String first = JSON.readTree(Http.send("POST", port(0), "/api/v1/auth/login", cy).body()).path("refresh_token").asText();

        HttpResponse<String> rotated = refresh(port(1), first);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String second = JSON.readTree(rotated.body()).path("refresh_token").asText();

        HttpResponse<String> reused = refresh(port(2), first);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(reused.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(refresh(port(0), second).statusCode()).as("the reuse revoked the family's live token too").isEqualTo(400);
    }

    private HttpResponse<String> refresh(int port, String refreshToken) {
        return Http.send("POST", port, "/api/v1/auth/token",
                "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refreshToken + "\"}");
    }

    private String jwks(int instance) {
        return Http.send("GET", port(instance), "/.well-known/jwks.json", null).body();
    }

    private String kidOfANewToken(int instance, String credentials) throws Exception {
        String token = JSON.readTree(Http.send("POST", port(instance), "/api/v1/auth/login", credentials).body()).path("access_token").asText();
        JsonNode header = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        return header.path("kid").asText();
    }

    /** {@code gatehouse keys rotate} with the servers' settings, as an operator would run it. */
    private String rotate() {
        CommandLine cli = GatehouseCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("keys", "rotate", "--store", "postgres", "--db-url", postgres.url(),
                "--auth-type", "jwt,session", "--jwt-algorithm", "ES256"));
        if (environment.containsKey("GATEHOUSE_REDIS_URL")) {
            // The servers hear of changes over Redis then: the command must announce it there.
            args.addAll(List.of("--redis-url", environment.get("GATEHOUSE_REDIS_URL"), "--redis-key-prefix", environment.get("GATEHOUSE_REDIS_KEY_PREFIX")));
        }
        int code = cli.execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }
}
