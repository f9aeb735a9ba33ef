package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.session.ClientInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 7662 introspection of session tokens, for resource servers (gatehouse-middleware) that
 * cannot read the session store, authenticated by GATEHOUSE_INTROSPECTION_SECRET.
 */
class SessionIntrospectionTest {
    private static final String SECRET = "resource-server-secret-0123456789abcdef";
    private static final String RESOURCE_SERVER = "Bearer " + SECRET;
    private static final Map<String, String> ADA = Map.of("username", "ada", "email", "ada@example.com", "password", "correct horse battery");
    private static final String INTROSPECT = Steps.API + "/auth/introspect";

    private static Map<String, String> settings(String... more) {
        Map<String, String> settings = new HashMap<>(Map.of("AUTH_TYPE", "session", "GATEHOUSE_INTROSPECTION_SECRET", SECRET));
        for (int i = 0; i + 1 < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    private static Api.Reply introspect(Api api, String token, String... headers) {
        return api.postForm(INTROSPECT, Map.of("token", token), headers);
    }

    @Test
    void aLiveSessionIsDescribedToTheResourceServer() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(settings("SESSION_DURATION", "3600"))) {
            Api api = gatehouse.api();
            String id = Steps.register(api, ADA);
            String cookie = Steps.login(api, ADA);

            Api.Reply reply = introspect(api, cookie, "Authorization", RESOURCE_SERVER);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.path("active").asBoolean()).isTrue();
            assertThat(body.path("token_type").asText()).isEqualTo("session");
            assertThat(body.path("sub").asText()).isEqualTo(id);
            assertThat(body.path("username").asText()).isEqualTo("ada");
            assertThat(body.path("email").asText()).isEqualTo("ada@example.com");
            assertThat(body.path("role").asText()).isEqualTo("common");
            assertThat(body.path("exp").asLong() - body.path("iat").asLong()).isEqualTo(3600);
            assertThat(body.path("sid").asText()).matches("[0-9a-f-]{36}");
            assertThat(reply.header("Cache-Control")).hasValue("no-store");
            assertThat(reply.body()).doesNotContain(cookie);
        }
    }

    @Test
    void endedExpiredAndUnknownSessionsAreInactiveAndSayNothingMore() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(settings("SESSION_DURATION", "3600"))) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            String loggedOut = Steps.login(api, ADA);
            assertThat(api.postJson(Steps.API + "/auth/logout", Map.of(), Steps.cookie(loggedOut)).status()).isEqualTo(204);
            String expiring = Steps.login(api, ADA);

            assertThat(introspect(api, loggedOut, "Authorization", RESOURCE_SERVER).body()).isEqualTo("{\"active\":false}");
            assertThat(introspect(api, "A".repeat(43), "Authorization", RESOURCE_SERVER).body()).isEqualTo("{\"active\":false}");
            assertThat(introspect(api, expiring, "Authorization", RESOURCE_SERVER).json().path("active").asBoolean()).isTrue();
            gatehouse.clock.advance(Duration.ofHours(1));
            assertThat(introspect(api, expiring, "Authorization", RESOURCE_SERVER).body()).isEqualTo("{\"active\":false}");
        }
    }

    @Test
    void introspectingASessionCountsAsUsingIt() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(settings("SESSION_IDLE_TIMEOUT", "600"))) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            String cookie = Steps.login(api, ADA);
            for (int i = 0; i < 3; i++) {
                gatehouse.clock.advance(Duration.ofMinutes(8));
                assertThat(introspect(api, cookie, "Authorization", RESOURCE_SERVER).json().path("active").asBoolean())
                        .as("used every 8 minutes, a 10-minute idle session lives on").isTrue();
            }
            gatehouse.clock.advance(Duration.ofMinutes(10));
            assertThat(introspect(api, cookie, "Authorization", RESOURCE_SERVER).json().path("active").asBoolean()).isFalse();
        }
    }

    @Test
    void onlyTheResourceServerSecretOrAnAdminMayIntrospect() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(settings("AUTH_TYPE", "session,basic"))) {
            Api api = gatehouse.api();
            gatehouse.users.ensureAdmin("root@example.com", "root password 1");
            Steps.register(api, ADA);
            String cookie = Steps.login(api, ADA);

            Api.Reply anonymous = introspect(api, cookie);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("ada");
            Api.Reply wrongSecret = introspect(api, cookie, "Authorization", RESOURCE_SERVER.substring(0, RESOURCE_SERVER.length() - 1) + "X");
            assertThat(wrongSecret.status()).isEqualTo(401);
            assertThat(wrongSecret.body()).doesNotContain(SECRET.substring(0, 20));
            assertThat(introspect(api, cookie, "Authorization", "Basic " + SECRET).status()).isEqualTo(401);
            assertThat(introspect(api, cookie, Steps.cookie(cookie)).status()).as("a common user's own session").isEqualTo(403);
            Api.Reply admin = introspect(api, cookie, "Authorization", Api.basic("root@example.com", "root password 1"));
            assertThat(admin.status()).isEqualTo(200);
            assertThat(admin.json().path("username").asText()).isEqualTo("ada");
        }
        try (TestGatehouse withoutSecret = TestGatehouse.inMemory(Map.of("AUTH_TYPE", "session"))) {
            Api api = withoutSecret.api();
            Steps.register(api, ADA);
            String cookie = Steps.login(api, ADA);
            assertThat(introspect(api, cookie, "Authorization", RESOURCE_SERVER).status())
                    .as("no secret configured: a bearer secret is just an unknown token").isEqualTo(401);
        }
    }

    @Test
    void refreshAndSessionTokensAreFoundWhateverTheHint() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(settings("AUTH_TYPE", "jwt,session"))) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            Api.Reply login = api.postJson(Steps.API + "/auth/login", ADA);
            String cookie = login.cookie(Steps.DEFAULT_COOKIE).orElseThrow();
            String refresh = login.json().path("refresh_token").asText();
            String access = login.json().path("access_token").asText();

            for (String hint : new String[]{"refresh_token", "session", "access_token", "nonsense"}) {
                Api.Reply onCookie = api.postForm(INTROSPECT, Map.of("token", cookie, "token_type_hint", hint), "Authorization", RESOURCE_SERVER);
                assertThat(onCookie.json().path("token_type").asText()).as(hint).isEqualTo("session");
                Api.Reply onRefresh = api.postForm(INTROSPECT, Map.of("token", refresh, "token_type_hint", hint), "Authorization", RESOURCE_SERVER);
                assertThat(onRefresh.json().path("token_type").asText()).as(hint).isEqualTo("refresh_token");
            }
            JsonNode accessInfo = introspect(api, access, "Authorization", RESOURCE_SERVER).json();
            assertThat(accessInfo.path("token_type").asText()).isEqualTo("access_token");
            assertThat(accessInfo.path("sid").asText()).as("the access token names its session")
                    .isEqualTo(introspect(api, cookie, "Authorization", RESOURCE_SERVER).json().path("sid").asText());
        }
    }

    @Test
    void aSessionDoesNotCountWhereSessionsAreNotEnabled() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(settings("AUTH_TYPE", "jwt"))) {
            Api api = gatehouse.api();
            String id = Steps.register(api, ADA);
            String token = gatehouse.sessions.start(UUID.fromString(id), ClientInfo.unknown()).token();
            assertThat(introspect(api, token, "Authorization", RESOURCE_SERVER).body()).isEqualTo("{\"active\":false}");
        }
    }
}
