package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.memory.InMemoryUserStore;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.gatehouse.http.Steps.API;
import static dev.gatehouse.http.Steps.cookie;
import static org.assertj.core.api.Assertions.assertThat;

/** Registration, login and logout as existing clients do them (session, Basic, JSON and form), end to end over HTTP. */
class ClientFlowsTest {

    /** A users API with Basic or session authentication, configured by environment under compatibility names. */
    @Nested
    class SessionAuth {
        private static final String NAME = "_my_session_id";
        private final Map<String, String> settings = Map.of("AUTH_TYPE", "session", "SESSION_NAME", NAME);

        @Test
        void registerFormLoginMeLogout() {
            try (TestGatehouse gatehouse = TestGatehouse.inMemory(settings)) {
                Api api = gatehouse.api();
                Api.Reply status = api.get(API + "/status");
                assertThat(status.status()).isEqualTo(200);
                assertThat(status.json()).isEqualTo(Api.MAPPER.createObjectNode().put("status", "OK"));

                Api.Reply created = api.postJson(API + "/users", Map.of("email", "bob@hbtn.io", "password", "H0lberton School",
                        "first_name", "Bob", "last_name", "Dylan"));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                JsonNode user = created.json();
                String id = user.path("id").asText();
                assertThat(UUID.fromString(id).toString()).isEqualTo(id);
                assertThat(user.path("email").asText()).isEqualTo("bob@hbtn.io");
                assertThat(user.path("first_name").asText()).isEqualTo("Bob");
                assertThat(user.path("last_name").asText()).isEqualTo("Dylan");
                assertThat(user.path("role").asText()).isEqualTo("common");
                assertThat(Instant.parse(user.path("created_at").asText())).isEqualTo(gatehouse.clock.instant());
                assertThat(Instant.parse(user.path("updated_at").asText())).isEqualTo(gatehouse.clock.instant());
                assertThat(user.has("password")).isFalse();
                assertThat(user.has("password_hash")).isFalse();
                assertThat(created.body()).doesNotContain("H0lberton School").doesNotContainIgnoringCase("argon2");
                assertThat(created.header("Location")).contains(API + "/users/" + id);

                Api.Reply login = api.postForm(API + "/auth/login", Map.of("email", "bob@hbtn.io", "password", "H0lberton School"));
                assertThat(login.status()).as(login.body()).isEqualTo(200);
                assertThat(login.json().path("id").asText()).isEqualTo(id);
                assertThat(login.json().path("email").asText()).isEqualTo("bob@hbtn.io");
                assertThat(login.body()).doesNotContain("H0lberton School");
                String setCookie = login.setCookie(NAME).orElseThrow();
                assertThat(setCookie).contains("HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Max-Age").doesNotContain("Secure");
                assertThat(login.setCookie(Steps.DEFAULT_COOKIE)).as("only the configured cookie name is used").isEmpty();
                String session = login.cookie(NAME).orElseThrow();
                assertThat(session).matches("[A-Za-z0-9_-]{43}");
                assertThat(login.header("Cache-Control")).hasValue("no-store");

                Api.Reply me = api.get(API + "/users/me", cookie(NAME, session));
                assertThat(me.status()).isEqualTo(200);
                assertThat(me.json()).isEqualTo(created.json());
                assertThat(api.get(API + "/users/" + id, cookie(NAME, session)).json()).isEqualTo(created.json());
                assertThat(Steps.meStatus(api, cookie(Steps.DEFAULT_COOKIE, session)))
                        .as("a cookie under another name is no credential").isEqualTo(401);

                Api.Reply basic = api.get(API + "/users/me", "Authorization", Api.basic("bob@hbtn.io", "H0lberton School"));
                assertThat(basic.status()).as("Basic is not enabled").isEqualTo(401);
                assertThat(basic.error()).isEqualTo("auth_method_not_enabled");

                Api.Reply logout = api.call("DELETE", API + "/auth/logout").headers(cookie(NAME, session)).send();
                assertThat(logout.status()).isEqualTo(204);
                assertThat(logout.body()).isEmpty();
                assertThat(logout.setCookie(NAME).orElseThrow()).startsWith(NAME + "=;").contains("Max-Age=0", "Path=/");

                Api.Reply after = api.get(API + "/users/me", cookie(NAME, session));
                assertThat(after.status()).isEqualTo(401);
                assertThat(after.error()).isEqualTo("invalid_session");
                assertThat(after.header("WWW-Authenticate").orElseThrow()).contains("cookie-name=\"" + NAME + "\"");
                Api.Reply anonymous = api.get(API + "/users/me");
                assertThat(anonymous.status()).isEqualTo(401);
                assertThat(anonymous.error()).isEqualTo("unauthenticated");
            }
        }

        /** session_db_auth: sessions live in the store, so another server over the same stores honours them. */
        @Test
        void sessionsOutliveTheServerInstance() {
            InMemoryUserStore users = new InMemoryUserStore();
            InMemorySessionStore sessions = new InMemorySessionStore();
            Map<String, String> db = Map.of("AUTH_TYPE", "session", "SESSION_NAME", NAME);
            String session;
            String id;
            try (TestGatehouse first = TestGatehouse.on(db, users, sessions)) {
                id = Steps.register(first.api(), Map.of("email", "dora@hbtn.io", "password", "explorer's pw"));
                session = Steps.login(first.api(), NAME, Map.of("email", "dora@hbtn.io", "password", "explorer's pw"));
            }
            try (TestGatehouse second = TestGatehouse.on(db, users, sessions)) {
                Api.Reply me = second.api().get(API + "/users/me", cookie(NAME, session));
                assertThat(me.status()).isEqualTo(200);
                assertThat(me.json().path("id").asText()).isEqualTo(id);
                assertThat(second.api().call("DELETE", API + "/auth/logout").headers(cookie(NAME, session)).send().status()).isEqualTo(204);
                assertThat(Steps.meStatus(second.api(), cookie(NAME, session))).isEqualTo(401);
            }
        }
    }

    @Nested
    class BasicAuth {
        private final Map<String, String> settings = Map.of("AUTH_TYPE", "basic");

        @Test
        void basicCredentialsIdentifyTheUser() {
            try (TestGatehouse gatehouse = TestGatehouse.inMemory(settings)) {
                Api api = gatehouse.api();
                String id = Steps.register(api, Map.of("email", "bob@hbtn.io", "password", "H0lberton:School ü", "first_name", "Bob"));

                Api.Reply me = api.get(API + "/users/me", "Authorization", Api.basic("bob@hbtn.io", "H0lberton:School ü"));
                assertThat(me.status()).as(me.body()).isEqualTo(200);
                assertThat(me.json().path("id").asText()).isEqualTo(id);
                assertThat(me.setCookie(Steps.DEFAULT_COOKIE)).as("Basic opens no session").isEmpty();
                assertThat(api.get(API + "/users/me", "Authorization", Api.basic("BOB@hbtn.io", "H0lberton:School ü")).status())
                        .as("the email is matched case-insensitively").isEqualTo(200);
                assertThat(api.get(API + "/users/" + id, "Authorization", Api.basic("bob@hbtn.io", "H0lberton:School ü")).status()).isEqualTo(200);

                Api.Reply login = api.postForm(API + "/auth/login", Map.of("email", "bob@hbtn.io", "password", "H0lberton:School ü"));
                assertThat(login.status()).as("login checks the password even without sessions").isEqualTo(200);
                assertThat(login.headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("set-cookie"));
            }
        }

        @Test
        void unknownUserAndWrongPasswordAreIndistinguishable() {
            try (TestGatehouse gatehouse = TestGatehouse.inMemory(settings)) {
                Api api = gatehouse.api();
                Steps.register(api, Map.of("email", "bob@hbtn.io", "password", "H0lberton School"));

                Api.Reply wrongPassword = api.get(API + "/users/me", "Authorization", Api.basic("bob@hbtn.io", "h0lberton school"));
                Api.Reply unknownUser = api.get(API + "/users/me", "Authorization", Api.basic("alice@hbtn.io", "H0lberton School"));
                Api.Reply truncated = api.get(API + "/users/me", "Authorization", Api.basic("bob@hbtn.io", "H0lberton Schoo"));
                for (Api.Reply reply : List.of(wrongPassword, unknownUser, truncated)) {
                    assertThat(reply.status()).isEqualTo(401);
                    assertThat(reply.error()).isEqualTo("invalid_credentials");
                    assertThat(reply.header("WWW-Authenticate").orElseThrow()).startsWith("Basic realm=");
                }
                assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
                assertThat(unknownUser.header("WWW-Authenticate")).isEqualTo(wrongPassword.header("WWW-Authenticate"));

                Api.Reply loginWrong = api.postJson(API + "/auth/login", Map.of("email", "bob@hbtn.io", "password", "not the password"));
                Api.Reply loginUnknown = api.postJson(API + "/auth/login", Map.of("email", "nobody@hbtn.io", "password", "not the password"));
                assertThat(loginWrong.status()).isEqualTo(401);
                assertThat(loginUnknown.status()).isEqualTo(401);
                assertThat(loginUnknown.body()).isEqualTo(loginWrong.body());
                assertThat(loginWrong.error()).isEqualTo("invalid_credentials");
            }
        }

        @Test
        void aSessionCookieIsNoCredentialWhenOnlyBasicIsEnabled() {
            try (TestGatehouse gatehouse = TestGatehouse.inMemory(settings)) {
                Api.Reply reply = gatehouse.api().get(API + "/users/me", cookie("A".repeat(43)));
                assertThat(reply.status()).isEqualTo(401);
                assertThat(reply.error()).isEqualTo("auth_method_not_enabled");
            }
        }
    }

    /** JSON login with {username, password}, a session_id cookie, logout. */
    @Test
    void jsonLoginWithUsername() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("SESSION_NAME", "session_id"))) {
            Api api = gatehouse.api();
            String id = Steps.register(api, Map.of("username", "alice", "password", "down the rabbit hole"));
            String login = API + "/auth/login";

            List<Api.Reply> missing = new ArrayList<>();
            missing.add(api.postJson(login, Map.of("username", "alice")));
            missing.add(api.postJson(login, Map.of("password", "down the rabbit hole")));
            missing.add(api.postJson(login, Map.of()));
            missing.add(api.postJson(login, Map.of("username", "alice", "password", "")));
            for (Api.Reply reply : missing) {
                assertThat(reply.status()).as(reply.body()).isEqualTo(400);
                assertThat(reply.error()).isEqualTo("missing_field");
                assertThat(reply.setCookie("session_id")).isEmpty();
            }

            Api.Reply wrong = api.postJson(login, Map.of("username", "alice", "password", "Down the rabbit hole"));
            Api.Reply unknown = api.postJson(login, Map.of("username", "mallory", "password", "down the rabbit hole"));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.error()).isEqualTo("invalid_credentials");
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(unknown.body()).isEqualTo(wrong.body());
            assertThat(wrong.setCookie("session_id")).isEmpty();

            Api.Reply ok = api.postJson(login, Map.of("username", "Alice", "password", "down the rabbit hole"));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json().path("username").asText()).isEqualTo("alice");
            String session = ok.cookie("session_id").orElseThrow();

            Api.Reply home = api.get(API + "/users/me", cookie("session_id", session));
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.json().path("id").asText()).isEqualTo(id);
            assertThat(home.json().path("username").asText()).isEqualTo("alice");

            Api.Reply logout = api.call("POST", API + "/auth/logout").headers(cookie("session_id", session)).send();
            assertThat(logout.status()).isEqualTo(204);
            assertThat(logout.setCookie("session_id").orElseThrow()).contains("Max-Age=0");
            assertThat(Steps.meStatus(api, cookie("session_id", session))).isEqualTo(401);
            assertThat(gatehouse.sessions.list(UUID.fromString(id))).as("the session row is gone").isEmpty();

            Api.Reply again = api.call("POST", API + "/auth/logout").headers(cookie("session_id", session)).send();
            assertThat(again.status()).as("logging out twice is harmless").isEqualTo(204);
            assertThat(api.call("POST", API + "/auth/logout").send().status()).isEqualTo(204);
        }
    }

    /** Registration with form fields name, username, password; the role is "common". */
    @Test
    void formRegistrationWithUsername() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of())) {
            Api api = gatehouse.api();
            Api.Reply created = api.postForm(API + "/users", Map.of("name", "Jane Doe", "username", "jdoe", "password", "s3cret pass"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode user = created.json();
            assertThat(user.path("role").asText()).isEqualTo("common");
            assertThat(user.path("name").asText()).isEqualTo("Jane Doe");
            assertThat(user.path("username").asText()).isEqualTo("jdoe");
            assertThat(user.path("email").isNull()).isTrue();
            assertThat(UUID.fromString(user.path("id").asText())).isNotNull();
            assertThat(Instant.parse(user.path("created_at").asText())).isEqualTo(gatehouse.clock.instant());
            assertThat(created.body()).doesNotContain("s3cret pass");

            Api.Reply duplicate = api.postForm(API + "/users", Map.of("name", "Jane Again", "username", "JDOE", "password", "another pass"));
            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.error()).isEqualTo("user_exists");

            Api.Reply noPassword = api.postForm(API + "/users", Map.of("name", "No Pass", "username", "nopass"));
            assertThat(noPassword.status()).isEqualTo(400);
            assertThat(noPassword.error()).isEqualTo("missing_field");
            Api.Reply noUsername = api.postForm(API + "/users", Map.of("name", "No Name", "password", "s3cret pass"));
            assertThat(noUsername.status()).isEqualTo(400);
            assertThat(noUsername.error()).isEqualTo("missing_field");

            Api.Reply login = api.postForm(API + "/auth/login", Map.of("username", "jdoe", "password", "s3cret pass"));
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.json().path("name").asText()).isEqualTo("Jane Doe");
            assertThat(gatehouse.users.count()).isEqualTo(1);
        }
    }
}
