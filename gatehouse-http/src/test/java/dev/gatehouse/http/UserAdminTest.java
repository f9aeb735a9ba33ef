package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

/** Who may read, change and delete which users: an admin anyone, a common user only themself. */
class UserAdminTest {
    private static final String ADMIN_EMAIL = "admin@example.com";
    private static final String ADMIN_PASSWORD = "admin password";
    private static final Map<String, String> ALICE = Map.of("email", "alice@example.com", "password", "alice's password",
            "first_name", "Alice", "last_name", "Liddell");
    private static final Map<String, String> BOB = Map.of("email", "bob@example.com", "password", "bob's password!");

    private TestGatehouse gatehouse;
    private Api api;
    private String adminId;
    private String aliceId;
    private String bobId;
    private String admin;
    private String alice;
    private String bob;

    @BeforeEach
    void start() {
        gatehouse = TestGatehouse.inMemory(Map.of("SESSION_DURATION", "3600"));
        api = gatehouse.api();
        adminId = gatehouse.users.ensureAdmin(ADMIN_EMAIL, ADMIN_PASSWORD).id().toString();
        aliceId = Steps.register(api, ALICE);
        bobId = Steps.register(api, BOB);
        admin = Steps.login(api, Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        alice = Steps.login(api, ALICE);
        bob = Steps.login(api, BOB);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    private Api.Reply put(String id, String session, Map<String, String> body) {
        return api.call("PUT", API + "/users/" + id).headers(cookie(session)).json(body).send();
    }

    private Api.Reply delete(String id, String session) {
        return api.call("DELETE", API + "/users/" + id).headers(cookie(session)).send();
    }

    private int loginStatus(String email, String password) {
        return api.postJson(API + "/auth/login", Map.of("email", email, "password", password)).status();
    }

    private static void expect(Api.Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.error()).isEqualTo(error);
    }

    @Test
    void anUpdateWithAnUnknownFieldOrAWrongTypeIsRefusedNamingTheFieldAndChangesNothing() {
        Api.Reply unknown = put(aliceId, alice, Map.of("first_name", "Augusta", "emial", "a@example.com"));
        expect(unknown, 400, "unknown_field");
        assertThat(unknown.json().path("detail").asText()).contains("'emial'");
        assertThat(unknown.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        expect(put(aliceId, alice, Map.of("email", "alice2@example.com")), 400, "unknown_field");
        Api.Reply unknownNull = api.call("PUT", API + "/users/" + aliceId).headers(cookie(alice))
                .raw("application/json", "{\"first_name\":\"Augusta\",\"emial\":null}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
        expect(unknownNull, 400, "unknown_field");

        Api.Reply wrongType = api.call("PUT", API + "/users/" + aliceId).headers(cookie(alice))
                .json(Map.of("first_name", "Augusta", "role", 1)).send();
        expect(wrongType, 400, "invalid_field");
        assertThat(wrongType.json().path("detail").asText()).contains("'role'");
        expect(put(aliceId, admin, Map.of("role", "owner")), 400, "invalid_field");

        assertThat(api.get(API + "/users/me", cookie(alice)).json().path("first_name").asText()).isEqualTo("Alice");
    }

    @Test
    void anAdminChangesAnotherUsersRoleButNotTheirOwnAndACommonUserNone() {
        Api.Reply promoted = put(aliceId, admin, Map.of("role", "admin"));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.json().path("role").asText()).isEqualTo("admin");
        assertThat(api.get(API + "/users", cookie(alice)).status()).as("alice's session reads her new role").isEqualTo(200);

        expect(put(adminId, admin, Map.of("role", "common")), 403, "forbidden");
        expect(put(bobId, bob, Map.of("role", "admin")), 403, "forbidden");
        assertThat(put(bobId, bob, Map.of("role", "common", "first_name", "Bob")).status())
                .as("sending back the role one has is no change").isEqualTo(200);

        Api.Reply demoted = put(adminId, alice, Map.of("role", "common"));
        assertThat(demoted.status()).as(demoted.body()).isEqualTo(200);
        assertThat(demoted.json().path("role").asText()).isEqualTo("common");
        assertThat(api.get(API + "/users", cookie(admin)).status()).isEqualTo(403);
    }

    @Test
    void aCommonPasswordIsRefusedAtRegistrationAndChangeSayingWhy() {
        Api.Reply registered = api.postJson(API + "/users", Map.of("email", "carl@example.com", "password", "12345678"));
        expect(registered, 400, "invalid_field");
        assertThat(registered.json().path("detail").asText()).isEqualTo("this password is one of the most commonly used; choose another");
        Api.Reply admins = api.call("POST", API + "/users").headers(cookie(admin))
                .json(Map.of("email", "boss@example.com", "password", "Password1", "role", "admin")).send();
        expect(admins, 400, "invalid_field");
        assertThat(admins.body()).doesNotContain("Password1");
        expect(put(aliceId, alice, Map.of("current_password", "alice's password", "new_password", "password")), 400, "invalid_field");
        assertThat(loginStatus("alice@example.com", "alice's password")).isEqualTo(200);
    }

    @Test
    void onlyAnAdminListsUsersAndTheListIsPaginated() {
        Api.Reply all = api.get(API + "/users", cookie(admin));
        assertThat(all.status()).isEqualTo(200);
        JsonNode page = all.json();
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("per_page").asInt()).isEqualTo(20);
        assertThat(page.path("total").asLong()).isEqualTo(3);
        List<String> ids = new ArrayList<>();
        page.path("users").forEach(u -> ids.add(u.path("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(adminId, aliceId, bobId);
        assertThat(all.body()).doesNotContain("password").doesNotContainIgnoringCase("argon2");

        List<String> paged = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            JsonNode p = api.get(API + "/users?page=" + n + "&per_page=2", cookie(admin)).json();
            assertThat(p.path("page").asInt()).isEqualTo(n);
            assertThat(p.path("per_page").asInt()).isEqualTo(2);
            assertThat(p.path("total").asLong()).isEqualTo(3);
            assertThat(p.path("users").size()).isEqualTo(n == 1 ? 2 : n == 2 ? 1 : 0);
            p.path("users").forEach(u -> paged.add(u.path("id").asText()));
        }
        assertThat(paged).as("pages neither repeat nor skip anyone").containsExactlyInAnyOrderElementsOf(ids);

        expect(api.get(API + "/users", cookie(alice)), 403, "forbidden");
        expect(api.get(API + "/users"), 401, "unauthenticated");
        assertThat(api.get(API + "/users", "Authorization", Api.basic(ADMIN_EMAIL, ADMIN_PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void aUserIsVisibleToThemselfAndToAdminsOnly() {
        Api.Reply self = api.get(API + "/users/" + aliceId, cookie(alice));
        assertThat(self.status()).isEqualTo(200);
        assertThat(self.json().path("email").asText()).isEqualTo("alice@example.com");
        assertThat(self.json().path("first_name").asText()).isEqualTo("Alice");
        assertThat(api.get(API + "/users/" + aliceId, cookie(admin)).json()).isEqualTo(self.json());
        expect(api.get(API + "/users/" + aliceId, cookie(bob)), 403, "forbidden");
        expect(api.get(API + "/users/" + aliceId), 401, "unauthenticated");
        expect(api.get(API + "/users/" + UUID.randomUUID(), cookie(admin)), 404, "not_found");
        assertThat(api.get(API + "/users/" + UUID.randomUUID(), cookie(bob)).status())
                .as("a common user learns nothing of other ids").isEqualTo(403);
        assertThat(api.get(API + "/users/me", cookie(admin)).json().path("role").asText()).isEqualTo("admin");
    }

    @Test
    void onlyAnAdminMayCreateAnAdmin() {
        Map<String, String> boss = Map.of("email", "boss@example.com", "password", "boss password", "role", "admin");
        expect(api.postJson(API + "/users", boss), 401, "unauthenticated");
        expect(api.postJson(API + "/users", boss, cookie(alice)), 403, "forbidden");
        assertThat(gatehouse.users.findByLogin("boss@example.com")).isEmpty();

        Api.Reply created = api.postJson(API + "/users", boss, cookie(admin));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("role").asText()).isEqualTo("admin");
        String bossSession = Steps.login(api, Map.of("email", "boss@example.com", "password", "boss password"));
        assertThat(api.get(API + "/users", cookie(bossSession)).status()).isEqualTo(200);

        Api.Reply common = api.postJson(API + "/users", Map.of("email", "carl@example.com", "password", "carl password", "role", "common"));
        assertThat(common.status()).as("asking for the common role needs no one").isEqualTo(201);
        assertThat(common.json().path("role").asText()).isEqualTo("common");
    }

    @Test
    void namesArePresentReplacesEmptyClearsAbsentKeeps() {
        Instant created = Instant.parse(api.get(API + "/users/me", cookie(alice)).json().path("created_at").asText());
        gatehouse.clock.advance(Duration.ofMinutes(5));

        Api.Reply renamed = put(aliceId, alice, Map.of("first_name", "Alicia"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("first_name").asText()).isEqualTo("Alicia");
        assertThat(renamed.json().path("last_name").asText()).as("absent keeps").isEqualTo("Liddell");
        assertThat(Instant.parse(renamed.json().path("created_at").asText())).isEqualTo(created);
        assertThat(Instant.parse(renamed.json().path("updated_at").asText())).isEqualTo(gatehouse.clock.instant());

        Api.Reply cleared = put(aliceId, alice, Map.of("last_name", "", "name", "Alice L."));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("last_name").isNull()).as("an empty string clears").isTrue();
        assertThat(cleared.json().path("first_name").asText()).isEqualTo("Alicia");
        assertThat(cleared.json().path("name").asText()).isEqualTo("Alice L.");
        assertThat(api.get(API + "/users/me", cookie(alice)).json()).isEqualTo(cleared.json());

        Api.Reply form = api.call("PUT", API + "/users/" + aliceId).headers(cookie(alice)).form(Map.of("last_name", "Liddell")).send();
        assertThat(form.status()).as("a form works as well as JSON").isEqualTo(200);
        assertThat(form.json().path("last_name").asText()).isEqualTo("Liddell");

        expect(put(aliceId, alice, Map.of("first_name", "bell\u0007")), 400, "invalid_field");
        expect(put(aliceId, alice, Map.of("first_name", "x".repeat(201))), 400, "invalid_field");
        assertThat(api.get(API + "/users/me", cookie(alice)).json().path("first_name").asText()).as("a refused update changes nothing")
                .isEqualTo("Alicia");

        expect(put(aliceId, bob, Map.of("first_name", "Mallory")), 403, "forbidden");
        Api.Reply byAdmin = put(aliceId, admin, Map.of("first_name", "Al"));
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().path("first_name").asText()).isEqualTo("Al");
        expect(put(UUID.randomUUID().toString(), admin, Map.of("first_name", "Nobody")), 404, "not_found");
        assertThat(api.get(API + "/users/me", cookie(alice)).json().path("first_name").asText()).isEqualTo("Al");
    }

    @Test
    void changingMyPasswordNeedsTheCurrentOneAndEndsMyOtherSessions() {
        String aliceElsewhere = Steps.login(api, ALICE);

        expect(put(aliceId, alice, Map.of("new_password", "a brand new password", "current_password", "not alice's password")), 403, "forbidden");
        expect(put(aliceId, alice, Map.of("new_password", "a brand new password")), 400, "missing_field");
        expect(put(aliceId, alice, Map.of("new_password", "short", "current_password", "alice's password")), 400, "invalid_field");
        assertThat(Steps.meStatus(api, cookie(aliceElsewhere))).as("failed changes end nothing").isEqualTo(200);
        assertThat(loginStatus("alice@example.com", "alice's password")).isEqualTo(200);

        Api.Reply changed = put(aliceId, alice, Map.of("new_password", "a brand new password", "current_password", "alice's password"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).doesNotContain("a brand new password");
        assertThat(Steps.meStatus(api, cookie(alice))).as("the session that changed it stays").isEqualTo(200);
        assertThat(Steps.meStatus(api, cookie(aliceElsewhere))).as("every other session ends").isEqualTo(401);
        assertThat(Steps.meStatus(api, cookie(bob))).as("other users are untouched").isEqualTo(200);
        assertThat(loginStatus("alice@example.com", "alice's password")).isEqualTo(401);
        assertThat(loginStatus("alice@example.com", "a brand new password")).isEqualTo(200);

        // Over Basic there is no calling session to keep: all of them end.
        Api.Reply overBasic = api.call("PUT", API + "/users/" + aliceId)
                .headers("Authorization", Api.basic("alice@example.com", "a brand new password"))
                .json(Map.of("password", "third password!", "current_password", "a brand new password")).send();
        assertThat(overBasic.status()).as(overBasic.body()).isEqualTo(200);
        assertThat(Steps.meStatus(api, cookie(alice))).isEqualTo(401);
        assertThat(loginStatus("alice@example.com", "third password!")).isEqualTo(200);
    }

    @Test
    void anAdminSetsAnotherUsersPasswordWithoutTheCurrentOne() {
        expect(put(bobId, alice, Map.of("new_password", "alice owns bob now")), 403, "forbidden");
        assertThat(loginStatus("bob@example.com", "bob's password!")).isEqualTo(200);

        Api.Reply set = put(bobId, admin, Map.of("new_password", "reset by the admin"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().path("id").asText()).isEqualTo(bobId);
        assertThat(Steps.meStatus(api, cookie(bob))).as("a reset ends the user's sessions").isEqualTo(401);
        assertThat(Steps.meStatus(api, cookie(admin))).isEqualTo(200);
        assertThat(loginStatus("bob@example.com", "bob's password!")).isEqualTo(401);
        assertThat(loginStatus("bob@example.com", "reset by the admin")).isEqualTo(200);
        expect(put(bobId, admin, Map.of("new_password", "short")), 400, "invalid_field");
    }

    @Test
    void deletingAUserEndsTheirSessions() {
        String aliceElsewhere = Steps.login(api, ALICE);
        expect(delete(aliceId, bob), 403, "forbidden");
        expect(api.call("DELETE", API + "/users/" + aliceId).send(), 401, "unauthenticated");
        assertThat(Steps.meStatus(api, cookie(alice))).isEqualTo(200);

        Api.Reply deleted = delete(aliceId, admin);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.setCookie(Steps.DEFAULT_COOKIE)).as("the admin keeps their own cookie").isEmpty();
        for (String session : List.of(alice, aliceElsewhere)) {
            Api.Reply me = api.get(API + "/users/me", cookie(session));
            assertThat(me.status()).isEqualTo(401);
            assertThat(me.error()).isEqualTo("invalid_session");
        }
        assertThat(loginStatus("alice@example.com", "alice's password")).isEqualTo(401);
        expect(api.get(API + "/users/" + aliceId, cookie(admin)), 404, "not_found");
        expect(delete(aliceId, admin), 404, "not_found");
        assertThat(gatehouse.users.count()).isEqualTo(2);

        Api.Reply selfDelete = delete(bobId, bob);
        assertThat(selfDelete.status()).isEqualTo(204);
        assertThat(selfDelete.setCookie(Steps.DEFAULT_COOKIE).orElseThrow()).contains("Max-Age=0");
        assertThat(Steps.meStatus(api, cookie(bob))).isEqualTo(401);
        assertThat(Steps.meStatus(api, cookie(admin))).isEqualTo(200);
        assertThat(gatehouse.users.count()).isEqualTo(1);
        // The email is free again.
        Steps.register(api, BOB);
    }

    @Test
    void statsAreForAdminsAndCountUsersSessionsAndRequests() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.get(API + "/status").status()).isEqualTo(200);
        }
        api.get(API + "/users/" + aliceId, cookie(alice));
        api.get(API + "/users/" + bobId, cookie(bob));
        api.get(API + "/no-such-route");
        expect(api.get(API + "/stats", cookie(alice)), 403, "forbidden");
        expect(api.get(API + "/stats"), 401, "unauthenticated");

        Api.Reply stats = api.get(API + "/stats", cookie(admin));
        assertThat(stats.status()).isEqualTo(200);
        JsonNode body = stats.json();
        assertThat(body.path("users").asLong()).isEqualTo(3);
        assertThat(body.path("sessions").asLong()).isEqualTo(3);
        JsonNode requests = body.path("requests");
        assertThat(requests.path("GET /api/v1/status").asLong()).isEqualTo(3);
        assertThat(requests.path("GET /api/v1/users/{id}").asLong()).as("keyed by route pattern, not path").isEqualTo(2);
        assertThat(requests.path("POST /api/v1/users").asLong()).isEqualTo(2);
        assertThat(requests.path("POST /api/v1/auth/login").asLong()).isEqualTo(3);
        assertThat(requests.path("GET /api/v1/stats").asLong()).as("the two refused, not yet this one").isEqualTo(2);
        assertThat(requests.path(RouteStatistics.UNMATCHED).asLong()).as(stats.body()).isEqualTo(1);
        assertThat(stats.body()).doesNotContain(aliceId).doesNotContain("/no-such-route");

        gatehouse.clock.advance(Duration.ofHours(1));
        String fresh = Steps.login(api, Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        JsonNode later = api.get(API + "/stats", cookie(fresh)).json();
        assertThat(later.path("sessions").asLong()).as("expired sessions are not counted").isEqualTo(1);
        assertThat(later.path("requests").path("GET /api/v1/stats").asLong()).isEqualTo(3);
    }
}
