package dev.gatehouse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose PostgreSQL, or whose Redis, sits behind a {@link TcpProxy}: cut, or black-holed,
 * the checks that need the store answer 503 {@code store_unavailable}, never 2xx on what could not
 * be checked; the server recovers by itself when the network does.
 */
class StoreFaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_STALE = Duration.ofSeconds(3);
    /** Longest a cut may take to show: a copy's life, the pool's wait for a connection, and room for a loaded machine. */
    private static final Duration CUT_SHOWS_WITHIN = MAX_STALE.plusSeconds(3).plusSeconds(14);
    private static final String ADA = "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}";

    private SharedPostgres postgres;
    private SharedRedis redis;
    private TcpProxy proxy;
    private GatehouseServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private int port() {
        return server.port();
    }

    /** Asks until the status is {@code wanted}, for at most {@code within}; returns every status seen, in order. */
    private List<Integer> until(int wanted, Duration within, String path, String... headers) {
        List<Integer> seen = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        do {
            seen.add(Http.send("GET", port(), path, null, headers).statusCode());
        } while (seen.getLast() != wanted && System.nanoTime() < deadline);
        return seen;
    }

    /** The server, with PostgreSQL (and Redis, when {@code withRedis}) and the proxy in front of {@code faulty}. */
    private void start(boolean withRedis, String faulty) throws Exception {
        postgres = SharedPostgres.create();
        // Copies of sessions and users live at most MAX_STALE while the feed stays live (Redis's
        // does when only PostgreSQL is cut): the waits below are that plus the pool's 3 s and room.
        Map<String, String> settings = new HashMap<>(Map.of("STORE", "postgres", "AUTH_TYPE", "jwt,session", "API_PORT", "0",
                "GATEHOUSE_REGISTRATION", "open", "GATEHOUSE_CACHE_MAX_STALE", MAX_STALE.toSeconds() + "s"));
        if (withRedis) {
            redis = SharedRedis.create();
            settings.put("GATEHOUSE_REDIS_KEY_PREFIX", redis.prefix());
        }
        if (faulty.equals("postgres")) {
            proxy = TcpProxy.to(postgres.address().getHostString(), postgres.address().getPort());
            settings.put("GATEHOUSE_DB_URL", postgres.urlThrough(proxy.port()));
        } else {
            settings.put("GATEHOUSE_DB_URL", postgres.url());
        }
        if (withRedis && faulty.equals("redis")) {
            java.net.URI uri = java.net.URI.create(redis.url());
            proxy = TcpProxy.to(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
            settings.put("GATEHOUSE_REDIS_URL", redis.urlThrough(proxy.port()));
        } else if (withRedis) {
            settings.put("GATEHOUSE_REDIS_URL", redis.url());
        }
        server = GatehouseServer.start(ConfigLoader.load(settings, Map.of()), Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"postgres alone cut,false,postgres", "postgres cut with redis beside,true,postgres", "redis cut,true,redis"})
    void aCutOrSilentStoreFailsClosedAndTheServerRecoversByItself(String name, boolean withRedis, String faulty) throws Exception {
        start(withRedis, faulty);
        assertThat(Http.send("POST", port(), "/api/v1/users", ADA).statusCode()).isEqualTo(201);
        HttpResponse<String> login = Http.send("POST", port(), "/api/v1/auth/login", ADA);
        String[] cookie = {"Cookie", "gatehouse_session=" + Http.cookie(login, "gatehouse_session").orElseThrow()};
        String[] bearer = {"Authorization", "Bearer " + JSON.readTree(login.body()).path("access_token").asText()};
        assertThat(until(200, Duration.ZERO, "/api/v1/users/me", cookie)).containsOnly(200);

        proxy.cut();
        List<Integer> duringCut = until(503, CUT_SHOWS_WITHIN, "/api/v1/users/me", cookie);
        assertThat(duringCut.getLast()).as("statuses seen: %s", duringCut).isEqualTo(503);
        assertThat(duringCut).as("only copies younger than the feed's liveness may still answer").allMatch(s -> s == 200 || s == 503);
        assertStoreUnavailable(Http.send("GET", port(), "/api/v1/users/me", null, cookie));
        assertStoreUnavailable(Http.send("GET", port(), "/api/v1/users/me", null, bearer));
        assertStoreUnavailable(Http.send("POST", port(), "/api/v1/auth/login", ADA));

        proxy.restore();
        List<Integer> recovered = until(200, Duration.ofSeconds(30), "/api/v1/users/me", cookie);
        assertThat(recovered.getLast()).as("statuses seen: %s", recovered).isEqualTo(200);
        assertThat(Http.send("GET", port(), "/api/v1/users/me", null, bearer).statusCode()).isEqualTo(200);

        proxy.blackHole();
        List<Integer> silent = until(503, Duration.ofSeconds(60), "/api/v1/users/me", cookie);
        assertThat(silent.getLast()).as("statuses seen: %s", silent).isEqualTo(503);
        assertThat(silent).allMatch(s -> s == 200 || s == 503);

        proxy.restore();
        List<Integer> back = until(200, Duration.ofSeconds(30), "/api/v1/users/me", cookie);
        assertThat(back.getLast()).as("statuses seen: %s", back).isEqualTo(200);
        assertThat(Http.send("POST", port(), "/api/v1/auth/login", ADA).statusCode()).isEqualTo(200);
    }

    private static void assertStoreUnavailable(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("store_unavailable");
    }
}
