package dev.gatehouse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.SpawnsProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} while clients register, sign in, sign out and revoke tokens: after a restart,
 * everything that had been answered 2xx is still so. Nothing answered before the kill may be
 * lost, whatever the store.
 */
@SpawnsProcesses
class KillNineDurabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 40;

    @TempDir
    Path dir;
    private SharedPostgres postgres;
    private SharedRedis redis;

    /** What the server said yes to. */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Set<String> liveSessions = ConcurrentHashMap.newKeySet();
    private final Set<String> endedSessions = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedTokens = ConcurrentHashMap.newKeySet();

    @AfterEach
    void dropSchema() throws Exception {
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private Map<String, String> settings(String store) {
        Map<String, String> env = new HashMap<>(Map.of("AUTH_TYPE", "jwt,session", "JWT_ALGORITHM", "HS256",
                "JWT_SECRET", "kill-nine-test-secret-kill-nine-test-secret-0123456789"));
        if (store.startsWith("postgres")) {
            postgres = SharedPostgres.create();
            env.put("STORE", "postgres");
            env.put("GATEHOUSE_DB_URL", postgres.url());
        }
        if (store.endsWith("+redis")) {
            // Gatehouse is killed, not Redis: what Redis acknowledged stays in its memory (see docs/OPERATIONS.md
            // for what a Redis restart keeps).
            redis = SharedRedis.create();
            env.put("GATEHOUSE_REDIS_URL", redis.url());
            env.put("GATEHOUSE_REDIS_KEY_PREFIX", redis.prefix());
        }
        return env;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres", "postgres+redis"})
    void everythingAnswered2xxSurvivesKillDashNine(String store) throws Exception {
        Map<String, String> env = settings(store);
        try (ServerProcess server = ServerProcess.start(dir, env)) {
            CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
            AtomicBoolean killed = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(Thread.ofVirtual().start(() -> work(server.port(), client, enough, killed)));
            }
            enough.await();
            server.kill();
            killed.set(true);
            for (Thread t : clients) {
                t.join();
            }
        }
        assertThat(registered).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL / 4);

        try (ServerProcess restarted = ServerProcess.start(dir, env)) {
            int port = restarted.port();
            for (String email : registered) {
                // A wrong password is 401 for a user who exists and for one who does not: ask for the right one.
                assertThat(Http.send("POST", port, "/api/v1/auth/login", credentials(email)).statusCode()).as(email).isEqualTo(200);
            }
            for (String cookie : liveSessions) {
                assertThat(me(port, "Cookie", "gatehouse_session=" + cookie)).as("a session answered 200").isEqualTo(200);
            }
            for (String cookie : endedSessions) {
                assertThat(me(port, "Cookie", "gatehouse_session=" + cookie)).as("a logout answered 204").isEqualTo(401);
            }
            for (String token : revokedTokens) {
                assertThat(me(port, "Authorization", "Bearer " + token)).as("a revocation answered 200").isEqualTo(401);
            }
        }
    }

    /** One client: register, sign in, and every other time sign out or revoke the access token; until the kill. */
    private void work(int port, int client, CountDownLatch enough, AtomicBoolean killed) {
        for (int i = 0; !killed.get(); i++) {
            String email = "user" + client + "-" + i + "@example.com";
            try {
                if (Http.send("POST", port, "/api/v1/users", credentials(email)).statusCode() != 201) {
                    continue;
                }
                registered.add(email);
                enough.countDown();
                HttpResponse<String> login = Http.send("POST", port, "/api/v1/auth/login", credentials(email));
                if (login.statusCode() != 200) {
                    continue;
                }
                String cookie = Http.cookie(login, "gatehouse_session").orElseThrow();
                String access = JSON.readTree(login.body()).path("access_token").asText();
                if (i % 3 == 1) {
                    if (Http.send("POST", port, "/api/v1/auth/logout", null, "Cookie", "gatehouse_session=" + cookie).statusCode() == 204) {
                        endedSessions.add(cookie);
                    }
                } else if (i % 3 == 2) {
                    liveSessions.add(cookie);
                    if (Http.send("POST", port, "/api/v1/auth/revoke", "{\"token\":\"" + access + "\"}").statusCode() == 200) {
                        revokedTokens.add(access);
                    }
                } else {
                    liveSessions.add(cookie);
                }
                enough.countDown();
            } catch (Exception connectionLost) {
                return;
            }
        }
    }

    private static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"correct horse " + email.hashCode() + "\"}";
    }

    private static int me(int port, String... headers) {
        return Http.send("GET", port, "/api/v1/users/me", null, headers).statusCode();
    }
}
