package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.spi.TokenHashes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.gatehouse.http.Steps.API;
import static dev.gatehouse.http.Steps.cookie;
import static org.assertj.core.api.Assertions.assertThat;

/** How sessions begin, live, expire and end, with time moved by the fake clock. */
class SessionLifecycleTest {
    private static final Map<String, String> ALICE = Map.of("email", "alice@example.com", "password", "alice's password");
    private static final Map<String, String> BOB = Map.of("email", "bob@example.com", "password", "bob's password!");

    private static void expectInvalidSession(Api api, String session) {
        Api.Reply reply = api.get(API + "/users/me", cookie(session));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("invalid_session");
        assertThat(reply.header("WWW-Authenticate")).isPresent();
    }

    @Test
    void anAbsoluteLifetimeEndsTheSessionOnTheSecond() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("SESSION_DURATION", "60"))) {
            Api api = gatehouse.api();
            Steps.register(api, ALICE);
            Api.Reply login = api.postJson(API + "/auth/login", ALICE);
            assertThat(login.setCookie(Steps.DEFAULT_COOKIE).orElseThrow()).contains("; Max-Age=60");
            String session = login.cookie(Steps.DEFAULT_COOKIE).orElseThrow();

            gatehouse.clock.advance(Duration.ofSeconds(59));
            assertThat(Steps.meStatus(api, cookie(session))).as("usable at +59 s").isEqualTo(200);
            gatehouse.clock.advance(Duration.ofSeconds(1));
            expectInvalidSession(api, session);
            gatehouse.clock.set(gatehouse.clock.instant().minusSeconds(30));
            expectInvalidSession(api, session);
            assertThat(gatehouse.sessions.countLive()).as("the expired session was purged when seen").isZero();

            String next = Steps.login(api, ALICE);
            assertThat(next).isNotEqualTo(session);
            assertThat(Steps.meStatus(api, cookie(next))).isEqualTo(200);
        }
    }

    @Test
    void useDoesNotExtendAnAbsoluteLifetime() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("SESSION_DURATION", "300", "SESSION_IDLE_TIMEOUT", "100"))) {
            Api api = gatehouse.api();
            Steps.register(api, ALICE);
            Api.Reply login = api.postJson(API + "/auth/login", ALICE);
            assertThat(login.setCookie(Steps.DEFAULT_COOKIE).orElseThrow()).contains("; Max-Age=300");
            String session = login.cookie(Steps.DEFAULT_COOKIE).orElseThrow();
            for (int used = 1; used <= 3; used++) {
                gatehouse.clock.advance(Duration.ofSeconds(90));
                assertThat(Steps.meStatus(api, cookie(session))).as("used at +%d s", used * 90).isEqualTo(200);
            }
            gatehouse.clock.advance(Duration.ofSeconds(30));
            expectInvalidSession(api, session);
        }
    }

    @Test
    void anIdleTimeoutEndsOnlyAnUnusedSession() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("SESSION_IDLE_TIMEOUT", "100"))) {
            Api api = gatehouse.api();
            Steps.register(api, ALICE);
            Api.Reply login = api.postJson(API + "/auth/login", ALICE);
            assertThat(login.setCookie(Steps.DEFAULT_COOKIE).orElseThrow())
                    .as("an idle timeout is no reason for the browser to drop the cookie").doesNotContain("Max-Age");
            String session = login.cookie(Steps.DEFAULT_COOKIE).orElseThrow();
            Instant start = gatehouse.clock.instant();

            while (Duration.between(start, gatehouse.clock.instant()).compareTo(Duration.ofMinutes(10)) < 0) {
                gatehouse.clock.advance(Duration.ofSeconds(90));
                assertThat(Steps.meStatus(api, cookie(session)))
                        .as("used every 90 s, alive at +%s", Duration.between(start, gatehouse.clock.instant())).isEqualTo(200);
            }
            gatehouse.clock.advance(Duration.ofSeconds(99));
            assertThat(Steps.meStatus(api, cookie(session))).as("99 s unused").isEqualTo(200);
            JsonNode listed = api.get(API + "/sessions", cookie(session)).json().path("sessions").get(0);
            assertThat(Instant.parse(listed.path("last_seen_at").asText())).isEqualTo(gatehouse.clock.instant());
            assertThat(Instant.parse(listed.path("expires_at").asText())).isEqualTo(gatehouse.clock.instant().plusSeconds(100));

            gatehouse.clock.advance(Duration.ofSeconds(100));
            expectInvalidSession(api, session);
        }
    }

    @Test
    void theCookieIsSecureOnlyWhenConfigured() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("GATEHOUSE_COOKIE_SECURE", "true"))) {
            Api api = gatehouse.api();
            Steps.register(api, ALICE);
            Api.Reply login = api.postJson(API + "/auth/login", ALICE);
            assertThat(login.setCookie(Steps.DEFAULT_COOKIE).orElseThrow()).contains("; Secure", "HttpOnly", "SameSite=Lax", "Path=/");
            String session = login.cookie(Steps.DEFAULT_COOKIE).orElseThrow();
            Api.Reply logout = api.call("DELETE", API + "/auth/logout").headers(cookie(session)).send();
            assertThat(logout.setCookie(Steps.DEFAULT_COOKIE).orElseThrow()).contains("Max-Age=0", "; Secure");
        }
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of())) {
            Api api = gatehouse.api();
            Steps.register(api, ALICE);
            assertThat(api.postJson(API + "/auth/login", ALICE).setCookie(Steps.DEFAULT_COOKIE).orElseThrow()).doesNotContain("Secure");
        }
    }

    @Test
    void everyLoginStartsANewSessionAndReplacesThePresentedOne() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of())) {
            Api api = gatehouse.api();
            String aliceId = Steps.register(api, ALICE);
            String first = Steps.login(api, ALICE);
            String second = Steps.login(api, ALICE);
            assertThat(second).isNotEqualTo(first);
            assertThat(Steps.meStatus(api, cookie(first))).as("a login without a cookie leaves other sessions alone").isEqualTo(200);
            assertThat(Steps.meStatus(api, cookie(second))).isEqualTo(200);
            assertThat(gatehouse.sessions.list(UUID.fromString(aliceId))).hasSize(2);

            // Signing in from a browser that holds a session ends that session (no fixation, no orphans).
            String third = Steps.login(api, Steps.DEFAULT_COOKIE, ALICE, cookie(first));
            assertThat(third).isNotIn(first, second);
            expectInvalidSession(api, first);
            assertThat(Steps.meStatus(api, cookie(second))).isEqualTo(200);
            assertThat(Steps.meStatus(api, cookie(third))).isEqualTo(200);
            assertThat(gatehouse.sessions.list(UUID.fromString(aliceId))).hasSize(2);

            // A failed login ends nothing.
            Api.Reply failed = api.postJson(API + "/auth/login", Map.of("email", "alice@example.com", "password", "wrong password"), cookie(third));
            assertThat(failed.status()).isEqualTo(401);
            assertThat(Steps.meStatus(api, cookie(third))).isEqualTo(200);

            // Logging out one session leaves the other.
            assertThat(api.call("DELETE", API + "/auth/logout").headers(cookie(second)).send().status()).isEqualTo(204);
            expectInvalidSession(api, second);
            assertThat(Steps.meStatus(api, cookie(third))).isEqualTo(200);
        }
    }

    @Test
    void theSessionListShowsMineAndNeverATokenOrItsHash() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("SESSION_DURATION", "3600"))) {
            Api api = gatehouse.api();
            Steps.register(api, ALICE);
            Steps.register(api, BOB);
            String laptop = Steps.login(api, Steps.DEFAULT_COOKIE, ALICE, "User-Agent", "Laptop/1.0");
            gatehouse.clock.advance(Duration.ofSeconds(5));
            String phone = Steps.login(api, Steps.DEFAULT_COOKIE, ALICE, "User-Agent", "Phone/2.0");
            String bobs = Steps.login(api, BOB);

            Api.Reply fromLaptop = api.get(API + "/sessions", cookie(laptop));
            assertThat(fromLaptop.status()).isEqualTo(200);
            JsonNode list = fromLaptop.json().path("sessions");
            assertThat(list).hasSize(2);
            assertThat(list.get(0).path("user_agent").asText()).as("newest first").isEqualTo("Phone/2.0");
            assertThat(list.get(1).path("user_agent").asText()).isEqualTo("Laptop/1.0");
            assertThat(list.get(0).path("current").asBoolean()).isFalse();
            assertThat(list.get(1).path("current").asBoolean()).isTrue();
            assertThat(list.get(1).path("remote_address").asText()).isEqualTo("127.0.0.1");
            assertThat(Instant.parse(list.get(1).path("expires_at").asText()))
                    .isEqualTo(Instant.parse(list.get(1).path("created_at").asText()).plusSeconds(3600));
            for (JsonNode session : list) {
                assertThat(session.has("token")).isFalse();
                assertThat(session.has("token_hash")).isFalse();
            }

            Api.Reply fromPhone = api.get(API + "/sessions", cookie(phone));
            JsonNode phoneList = fromPhone.json().path("sessions");
            assertThat(phoneList.get(0).path("current").asBoolean()).isTrue();
            assertThat(phoneList.get(1).path("current").asBoolean()).isFalse();
            assertThat(phoneList.get(0).path("id").asText()).isEqualTo(list.get(0).path("id").asText());

            Api.Reply overBasic = api.get(API + "/sessions", "Authorization", Api.basic("alice@example.com", "alice's password"));
            assertThat(overBasic.json().path("sessions")).hasSize(2).allSatisfy(s -> assertThat(s.path("current").asBoolean()).isFalse());

            for (Api.Reply reply : List.of(fromLaptop, fromPhone, overBasic)) {
                for (String token : List.of(laptop, phone, bobs)) {
                    assertThat(reply.body()).doesNotContain(token).doesNotContain(TokenHashes.sha256(token));
                }
            }
            assertThat(api.get(API + "/sessions").status()).isEqualTo(401);
        }
    }

    @Test
    void endingOneSessionByIdOnlyWorksOnMyOwn() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of())) {
            Api api = gatehouse.api();
            Steps.register(api, ALICE);
            Steps.register(api, BOB);
            String alice = Steps.login(api, ALICE);
            String aliceOther = Steps.login(api, ALICE);
            String bob = Steps.login(api, BOB);
            String bobSessionId = api.get(API + "/sessions", cookie(bob)).json().path("sessions").get(0).path("id").asText();

            Api.Reply foreign = api.call("DELETE", API + "/sessions/" + bobSessionId).headers(cookie(alice)).send();
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.error()).isEqualTo("not_found");
            Api.Reply unknown = api.call("DELETE", API + "/sessions/" + UUID.randomUUID()).headers(cookie(alice)).send();
            assertThat(unknown.body()).as("another user's session looks just like none").isEqualTo(foreign.body());
            assertThat(Steps.meStatus(api, cookie(bob))).as("bob's session survives").isEqualTo(200);
            assertThat(api.call("DELETE", API + "/sessions/" + bobSessionId).send().status()).isEqualTo(401);

            List<String> aliceIds = new ArrayList<>();
            JsonNode aliceSessions = api.get(API + "/sessions", cookie(alice)).json().path("sessions");
            String otherId = null;
            String currentId = null;
            for (JsonNode s : aliceSessions) {
                aliceIds.add(s.path("id").asText());
                if (s.path("current").asBoolean()) {
                    currentId = s.path("id").asText();
                } else {
                    otherId = s.path("id").asText();
                }
            }
            assertThat(aliceIds).hasSize(2).doesNotContain(bobSessionId);

            Api.Reply endOther = api.call("DELETE", API + "/sessions/" + otherId).headers(cookie(alice)).send();
            assertThat(endOther.status()).isEqualTo(204);
            assertThat(endOther.setCookie(Steps.DEFAULT_COOKIE)).as("ending another of my sessions keeps my cookie").isEmpty();
            expectInvalidSession(api, aliceOther);
            assertThat(Steps.meStatus(api, cookie(alice))).isEqualTo(200);
            assertThat(api.call("DELETE", API + "/sessions/" + otherId).headers(cookie(alice)).send().status())
                    .as("an ended session cannot be ended twice").isEqualTo(404);

            Api.Reply endCurrent = api.call("DELETE", API + "/sessions/" + currentId).headers(cookie(alice)).send();
            assertThat(endCurrent.status()).isEqualTo(204);
            assertThat(endCurrent.setCookie(Steps.DEFAULT_COOKIE).orElseThrow()).contains("Max-Age=0");
            expectInvalidSession(api, alice);
            assertThat(Steps.meStatus(api, cookie(bob))).isEqualTo(200);
        }
    }

    @Test
    void endingAllSessionsLogsOutEverywhere() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of())) {
            Api api = gatehouse.api();
            Steps.register(api, ALICE);
            Steps.register(api, BOB);
            List<String> alice = List.of(Steps.login(api, ALICE), Steps.login(api, ALICE), Steps.login(api, ALICE));
            String bob = Steps.login(api, BOB);
            assertThat(gatehouse.sessions.countLive()).isEqualTo(4);

            Api.Reply endAll = api.call("DELETE", API + "/sessions").headers(cookie(alice.get(1))).send();
            assertThat(endAll.status()).isEqualTo(204);
            assertThat(endAll.setCookie(Steps.DEFAULT_COOKIE).orElseThrow()).contains("Max-Age=0");
            for (String session : alice) {
                expectInvalidSession(api, session);
            }
            assertThat(Steps.meStatus(api, cookie(bob))).isEqualTo(200);
            assertThat(gatehouse.sessions.countLive()).isEqualTo(1);
            assertThat(api.call("DELETE", API + "/sessions").send().status()).isEqualTo(401);
        }
    }
}
