package dev.gatehouse.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Basic answered from the cache of verified credentials: still throttled, still ended by a password change. */
class BasicCredentialCacheHttpTest {
    private static final String EMAIL = "ada@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final String ME = Steps.API + "/users/me";

    private static TestGatehouse start() {
        return TestGatehouse.inMemory(Map.of("AUTH_TYPE", "session,basic", "GATEHOUSE_LOGIN_MAX_FAILURES", "3",
                "GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS", "100", "GATEHOUSE_LOGIN_FAILURE_WINDOW", "900"));
    }

    private static int me(Api api, String login, String password) {
        return api.get(ME, "Authorization", Api.basic(login, password)).status();
    }

    /** Registers Ada and has her Basic credential verified once, so that it is cached; her id. */
    private static String adaCached(Api api) {
        String id = Steps.register(api, Map.of("email", EMAIL, "password", PASSWORD));
        assertThat(me(api, EMAIL, PASSWORD)).isEqualTo(200);
        return id;
    }

    private static Api.Call asAda(Api api, String method, String id) {
        return api.call(method, Steps.API + "/users/" + id).headers("Authorization", Api.basic(EMAIL, PASSWORD));
    }

    @Test
    void aCachedCredentialIsRefusedWhileItsCallerIsThrottled() {
        try (TestGatehouse gatehouse = start()) {
            Api api = gatehouse.api();
            adaCached(api);
            assertThat(me(api, EMAIL, PASSWORD)).as("from the cache").isEqualTo(200);
            for (int i = 0; i < 3; i++) {
                assertThat(me(api, EMAIL, "not her password")).isEqualTo(401);
            }
            Api.Reply throttled = api.get(ME, "Authorization", Api.basic(EMAIL, PASSWORD));
            assertThat(throttled.status()).as("a hit would tell a guesser the guess was right").isEqualTo(429);
            assertThat(throttled.error()).isEqualTo("too_many_attempts");

            gatehouse.clock.advance(Duration.ofMinutes(15));
            assertThat(me(api, EMAIL, PASSWORD)).isEqualTo(200);
        }
    }

    @Test
    void aPasswordChangeEndsTheCachedCredentialAtOnce() {
        try (TestGatehouse gatehouse = start()) {
            Api api = gatehouse.api();
            Api.Reply changed = asAda(api, "PUT", adaCached(api)).json(Map.of("current_password", PASSWORD, "new_password", "a new long passphrase")).send();
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(me(api, EMAIL, PASSWORD)).isEqualTo(401);
            assertThat(me(api, EMAIL, "a new long passphrase")).isEqualTo(200);
        }
    }

    @Test
    void aDeletedUsersCachedCredentialIsRefused() {
        try (TestGatehouse gatehouse = start()) {
            Api api = gatehouse.api();
            Api.Reply deleted = asAda(api, "DELETE", adaCached(api)).send();
            assertThat(deleted.status()).as(deleted.body()).isIn(200, 204);
            assertThat(me(api, EMAIL, PASSWORD)).isEqualTo(401);
        }
    }
}
