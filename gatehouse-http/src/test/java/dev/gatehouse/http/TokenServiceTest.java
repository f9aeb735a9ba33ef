package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The data token service over real HTTP: create, verify with each kind of key, and the GET form kept for compatibility. */
class TokenServiceTest {
    private static final String TOKENS = "/api/v1/tokens";
    private static final String VERIFY = TOKENS + "/verify";
    private static final String SECRET = "a configured token service secret of sixty-four bytes or more...";

    private static TestGatehouse generated;
    private static TestGatehouse configured;

    @BeforeAll
    static void start() {
        generated = TestGatehouse.inMemory(Map.of());
        configured = TestGatehouse.inMemory(Map.of("TOKEN_SERVICE_SECRET", SECRET));
    }

    @AfterAll
    static void stop() {
        generated.close();
        configured.close();
    }

    private static String create(TestGatehouse gatehouse, String data) {
        Api.Reply reply = gatehouse.api().postJson(TOKENS, Map.of("user_data", data));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().size()).isEqualTo(1);
        return reply.json().path("token").asText();
    }

    private static JsonNode verify(TestGatehouse gatehouse, Map<String, String> body) {
        Api.Reply reply = gatehouse.api().postJson(VERIFY, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).contains("no-store");
        return reply.json();
    }

    @Test
    void aCreatedTokenVerifiesAgainstTheServersOwnKey() {
        String token = create(generated, "hello");

        JsonNode result = verify(generated, Map.of("token", token));

        assertThat(result.path("signature_verified").asBoolean()).isTrue();
        assertThat(result.has("reason")).isFalse();
        assertThat(result.path("header")).isEqualTo(Api.MAPPER.valueToTree(Map.of("typ", "JWT", "alg", "HS512")));
        JsonNode claims = result.path("claims");
        assertThat(claims.path("jti").asText()).matches("[0-9a-f]{32}");
        assertThat(claims.path("iat").asLong()).isEqualTo(generated.clock.instant().getEpochSecond());
        String today = LocalDate.ofInstant(generated.clock.instant(), ZoneOffset.UTC).toString();
        assertThat(claims.path("payload")).isEqualTo(Api.MAPPER.valueToTree(Map.of("data", "hello", "date", today)));
    }

    @Test
    void theHeaderOnTheWireIsExactlyTypAndAlg() throws Exception {
        String header = new String(Base64.getUrlDecoder().decode(create(generated, "x").split("\\.")[0]), StandardCharsets.UTF_8);

        assertThat(Api.MAPPER.readTree(header)).isEqualTo(Api.MAPPER.valueToTree(Map.of("typ", "JWT", "alg", "HS512")));
    }

    @Test
    void theDateFollowsTheClock() {
        TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of());
        try (gatehouse) {
            gatehouse.clock.advance(Duration.ofDays(400));
            JsonNode claims = verify(gatehouse, Map.of("token", create(gatehouse, "later"))).path("claims");

            assertThat(claims.path("payload").path("date").asText())
                    .isEqualTo(LocalDate.ofInstant(gatehouse.clock.instant(), ZoneOffset.UTC).toString());
        }
    }

    @Test
    void theConfiguredSecretIsTheSigningKey() {
        String token = create(configured, "configured");

        assertThat(verify(configured, Map.of("token", token)).path("signature_verified").asBoolean()).isTrue();
        assertThat(verify(configured, Map.of("token", token, "signing_key", SECRET)).path("signature_verified").asBoolean()).isTrue();
        // Any server can check it, given the key.
        assertThat(verify(generated, Map.of("token", token, "signing_key", SECRET)).path("signature_verified").asBoolean()).isTrue();
        assertThat(verify(generated, Map.of("token", token)).path("signature_verified").asBoolean()).isFalse();
    }

    @Test
    void aWrongKeyDoesNotVerify() {
        String token = create(configured, "x");

        JsonNode result = verify(configured, Map.of("token", token, "signing_key", SECRET.replace('a', 'b')));

        assertThat(result.path("signature_verified").asBoolean()).isFalse();
        assertThat(result.path("reason").asText()).isEqualTo("signature_mismatch");
        assertThat(result.path("claims").path("payload").path("data").asText()).isEqualTo("x");
    }

    @Test
    void aShortKeyIsReportedNotUsed() {
        JsonNode result = verify(generated, Map.of("token", create(generated, "x"), "signing_key", "secret"));

        assertThat(result.path("signature_verified").asBoolean()).isFalse();
        assertThat(result.path("reason").asText()).isEqualTo("key_too_short");
    }

    @Test
    void theCompatibilityGetWithABodyAndCapitalisedFieldsWorks() {
        String token = create(configured, "existing client");

        Api.Reply reply = configured.api().call("GET", VERIFY).json(Map.of("Token", token, "Signing_key", SECRET)).send();

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("signature_verified").asBoolean()).isTrue();
        assertThat(reply.json().path("claims").path("payload").path("data").asText()).isEqualTo("existing client");

        Api.Reply wrong = configured.api().call("GET", VERIFY).json(Map.of("Token", token, "Signing_key", "x".repeat(64))).send();
        assertThat(wrong.json().path("signature_verified").asBoolean()).isFalse();
    }

    @Test
    void emptyAndUnicodeDataRoundTrip() {
        for (String data : new String[]{"", "grüße, 世界 ✓", "{\"nested\": \"json as text\"}"}) {
            JsonNode claims = verify(generated, Map.of("token", create(generated, data))).path("claims");
            assertThat(claims.path("payload").path("data").asText()).isEqualTo(data);
        }
    }

    @Test
    void anUnsecuredTokenIsShownButNotVerified() {
        String none = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.";

        JsonNode result = verify(generated, Map.of("token", none));

        assertThat(result.path("signature_verified").asBoolean()).isFalse();
        assertThat(result.path("reason").asText()).isEqualTo("algorithm_not_hmac");
        assertThat(result.path("claims").path("sub").asText()).isEqualTo("admin");
    }

    @Test
    void aDataTokenIsNoCredential() {
        String token = create(generated, "admin");

        Api.Reply me = generated.api().get("/api/v1/users/me", "Authorization", "Bearer " + token);

        assertThat(me.status()).isEqualTo(401);
    }
}
