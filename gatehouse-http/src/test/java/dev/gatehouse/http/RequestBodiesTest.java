package dev.gatehouse.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Good bodies are read whole, however they are framed: with a Content-Length (read into an array
 * of that size) or chunked (read up to the limit), ASCII or not, up to the limit exactly.
 */
class RequestBodiesTest {
    private static final String USERS = "/api/v1/users";
    private static final String JSON = "application/json";
    private static final int MAX_BODY = 64 * 1024;

    private static TestGatehouse gatehouse;
    private static Api api;

    @BeforeAll
    static void start() {
        gatehouse = TestGatehouse.inMemory(Map.of());
        api = gatehouse.api();
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void aBodyWithLettersBeyondAsciiIsReadWhole(boolean chunked) {
        String email = "zoe-" + chunked + "@example.com";
        byte[] body = ("{\"email\":\"" + email + "\",\"password\":\"pässwörd long enough\",\"first_name\":\"Zoë Ångström 徐\"}")
                .getBytes(StandardCharsets.UTF_8);

        Api.Reply reply = send(body, chunked);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("first_name").asText()).isEqualTo("Zoë Ångström 徐");
        assertThat(gatehouse.users.authenticate(email, "pässwörd long enough")).isPresent();
    }

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void aBodyOfExactlyTheLimitIsReadAndOneByteMoreIsRefused(boolean chunked) {
        assertThat(send(padded("at-limit-" + chunked + "@example.com", MAX_BODY), chunked).status()).isEqualTo(201);

        Api.Reply over = send(padded("over-limit-" + chunked + "@example.com", MAX_BODY + 1), chunked);

        assertThat(over.status()).as(over.body()).isEqualTo(413);
        assertThat(over.error()).isEqualTo("payload_too_large");
    }

    private static Api.Reply send(byte[] body, boolean chunked) {
        Api.Call call = api.call("POST", USERS).raw(JSON, body);
        if (chunked) {
            call.chunked();
        }
        return call.send();
    }

    /** A registration padded with trailing spaces (still one JSON object) to {@code size} bytes. */
    private static byte[] padded(String email, int size) {
        String json = "{\"email\":\"" + email + "\",\"password\":\"a long enough password\"}";
        return (json + " ".repeat(size - json.length())).getBytes(StandardCharsets.US_ASCII);
    }
}
