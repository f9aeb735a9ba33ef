package dev.gatehouse.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Over HTTP, an email or username that could pass for another account's is a 400 problem, or that account's duplicate. */
class LoginNamesHttpTest {
    private static final String USERS = Steps.API + "/users";
    private static final String PASSWORD = "correct horse battery";

    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u0085", "\u2028", "\u200B", "\u200E", "\uFEFF"})
    void anInvisibleCharacterAnywhereIsRefused(String character) {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of())) {
            Api api = gatehouse.api();
            Steps.register(api, Map.of("email", "root@example.org", "password", PASSWORD));
            for (String email : new String[] {"root@example.org" + character, character + "root@example.org", "ro" + character + "ot@example.org"}) {
                Api.Reply refused = api.postJson(USERS, Map.of("email", email, "password", PASSWORD));
                assertThat(refused.status()).as(refused.body()).isEqualTo(400);
                assertThat(refused.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
                assertThat(refused.error()).isEqualTo("invalid_field");
                assertThat(refused.json().path("detail").asText()).startsWith("email must not hold")
                        .contains("U+%04X".formatted((int) character.charAt(0))).doesNotContain(PASSWORD);
            }
            assertThat(gatehouse.users.count()).isEqualTo(1);
        }
    }

    /**
     * Python's {@code email.utils.parseaddr} and {@code email.headerregistry}, Go's
     * {@code net/mail} read each of these as {@code root@example.org}: an app that parses
     * X-Auth-Email must never meet one as a second account.
     */
    @ParameterizedTest
    @ValueSource(strings = {"evil<root@example.org>", "<root@example.org>", "\"root\"@example.org", "root(x)@example.org",
            "root@example.org(x)", "root@(x)example.org", "root@example.org,", "\uFF1Croot@example.org\uFF1E"})
    void anEmailThatAnAddressParserReadsAsAnotherIsRefused(String email) {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of())) {
            Api api = gatehouse.api();
            Steps.register(api, Map.of("email", "root@example.org", "password", PASSWORD));
            Api.Reply refused = api.postJson(USERS, Map.of("email", email, "password", PASSWORD));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_field");
            assertThat(refused.json().path("detail").asText()).startsWith("email must look like name@domain");
            assertThat(gatehouse.users.count()).isEqualTo(1);
        }
    }

    @Test
    void fullwidthLettersAreADuplicateAndSignIn() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of())) {
            Api api = gatehouse.api();
            Steps.register(api, Map.of("email", "root@example.org", "username", "root", "password", PASSWORD));
            Api.Reply duplicate = api.postJson(USERS, Map.of("email", "\uFF52\uFF4F\uFF4F\uFF54@example.org", "password", PASSWORD));
            assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
            assertThat(api.postJson(USERS, Map.of("username", "\u211Doot", "password", PASSWORD)).status())
                    .as("a double-struck R is an R").isEqualTo(409);
            assertThat(api.postJson(Steps.API + "/auth/login", Map.of("login", "\uFF32\uFF4F\uFF4F\uFF54", "password", PASSWORD)).status()).isEqualTo(200);
        }
    }
}
