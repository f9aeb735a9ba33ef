package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gatehouse token create|verify} through the real command line. */
class TokenCliTest {
    private static final String KEY = "a signing key of at least sixty-four bytes for HS512, given on the command line";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static Result run(String... args) {
        CliRun run = CliRun.of("", args);
        return new Result(run.code(), run.out(), run.err());
    }

    private String db() {
        return "--db-url=jdbc:sqlite:" + dir.resolve("cli.db");
    }

    @Test
    void aTokenMadeWithTheStoresSecretVerifiesInALaterRun() throws Exception {
        Result created = run("token", db(), "create", "--data", "hello from the CLI");
        assertThat(created.code).as(created.err).isZero();
        String token = created.out.strip();
        assertThat(token.split("\\.")).hasSize(3);

        Result verified = run("token", db(), "verify", token);
        assertThat(verified.code).as(verified.err).isZero();
        JsonNode result = MAPPER.readTree(verified.out);
        assertThat(result.path("signature_verified").asBoolean()).isTrue();
        assertThat(result.path("header").path("alg").asText()).isEqualTo("HS512");
        assertThat(result.path("header").path("typ").asText()).isEqualTo("JWT");
        assertThat(result.path("header").size()).isEqualTo(2);
        assertThat(result.path("claims").path("jti").asText()).matches("[0-9a-f]{32}");
        assertThat(result.path("claims").path("payload").path("data").asText()).isEqualTo("hello from the CLI");

        Result otherStore = run("token", "--db-url=jdbc:sqlite:" + dir.resolve("other.db"), "verify", token);
        assertThat(otherStore.code).isEqualTo(1);
        assertThat(MAPPER.readTree(otherStore.out).path("signature_verified").asBoolean()).isFalse();
    }

    @Test
    void aGivenKeySignsAndVerifies() throws Exception {
        Result created = run("token", "create", "--data", "x", "--key", KEY);
        assertThat(created.code).as(created.err).isZero();
        String token = created.out.strip();

        Result verified = run("token", "verify", token, "--key", KEY);
        assertThat(verified.code).as(verified.err).isZero();
        assertThat(MAPPER.readTree(verified.out).path("signature_verified").asBoolean()).isTrue();

        Result wrong = run("token", "verify", token, "--key", KEY + "?");
        assertThat(wrong.code).isEqualTo(1);
        assertThat(MAPPER.readTree(wrong.out).path("reason").asText()).isEqualTo("signature_mismatch");

        Result tooShort = run("token", "verify", token, "--key", "secret");
        assertThat(tooShort.code).isEqualTo(1);
        assertThat(MAPPER.readTree(tooShort.out).path("reason").asText()).isEqualTo("key_too_short");
    }

    @Test
    void aShortKeyCannotSign() {
        Result result = run("token", "create", "--data", "x", "--key", "secret");

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("--key", "64").doesNotContain("Exception");
    }

    @Test
    void aMalformedTokenIsAnError() {
        Result result = run("token", "verify", "not-a-token", "--key", KEY);

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("malformed token").doesNotContain("Exception");
    }

    @Test
    void dataIsRequired() {
        Result result = run("token", "create");

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("--data");
    }

    private record Result(int code, String out, String err) {
    }

    @Test
    void verifiesAnAccessTokenAgainstTheServersJwks() throws Exception {
        dev.gatehouse.server.config.GatehouseConfig config = dev.gatehouse.server.config.ConfigLoader.load(
                java.util.Map.of("API_PORT", "0", "GATEHOUSE_REGISTRATION", "open", "STORE", "memory", "AUTH_TYPE", "jwt,session"), java.util.Map.of());
        try (GatehouseServer server = GatehouseServer.start(config, java.time.Clock.systemUTC(),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8))) {
            String ada = "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}";
            Http.send("POST", server.port(), "/api/v1/users", ada);
            String access = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(Http.send("POST", server.port(), "/api/v1/auth/login", ada).body()).path("access_token").asText();
            String jwks = "http://127.0.0.1:" + server.port() + "/.well-known/jwks.json";

            Result verified = run("token", "verify", access, "--jwks", jwks);
            assertThat(verified.code()).as(verified.err()).isZero();
            assertThat(verified.out()).contains("\"signature_verified\" : true", "\"role\" : \"common\"");

            String tampered = access.substring(0, access.lastIndexOf('.') + 1) + "AAAA" + access.substring(access.lastIndexOf('.') + 5);
            Result refused = run("token", "verify", tampered, "--jwks", jwks);
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.out()).contains("\"signature_verified\" : false", "\"reason\"");

            assertThat(run("token", "verify", access, "--jwks", "http://127.0.0.1:" + server.port() + "/nothing").code()).isEqualTo(2);
        }
    }
}
