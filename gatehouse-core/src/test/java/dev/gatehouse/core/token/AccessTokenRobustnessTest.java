package dev.gatehouse.core.token;

import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static dev.gatehouse.core.token.AccessTokenRoundTripTest.ALICE;
import static dev.gatehouse.core.token.AccessTokenRoundTripTest.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a client sends, the verifier answers with a value: odd JSON types in the header or the
 * claims, and mangled tokens, are "the token is bad", never an exception (which would become a 500).
 */
class AccessTokenRobustnessTest {
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final SigningKey key = TestKeys.of(SigningAlgorithm.HS256);
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(SETTINGS, TestKeys.ring(key), clock);

    private String claims() {
        return TokenForge.claims(clock.instant(), SETTINGS).build().toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"alg\":256,\"kid\":\"K\",\"typ\":\"at+jwt\"}",
            "{\"alg\":\"HS256\",\"kid\":7,\"typ\":\"at+jwt\"}",
            "{\"alg\":\"HS256\",\"kid\":{\"a\":1},\"typ\":\"at+jwt\"}",
            "{\"alg\":\"HS256\",\"kid\":\"K\",\"typ\":[\"at+jwt\"]}",
            "{\"alg\":\"HS256\",\"kid\":\"K\",\"typ\":\"at+jwt\",\"crit\":\"exp\"}",
            "{\"alg\":\"HS256\",\"kid\":\"K\",\"typ\":\"at+jwt\",\"crit\":[]}",
            "{\"alg\":\"HS256\",\"kid\":\"K\",\"typ\":\"at+jwt\",\"jwk\":\"x\"}",
            "{\"alg\":\"HS256\",\"kid\":\"K\",\"typ\":\"at+jwt\",\"jku\":\"not a url\"}",
            "{\"alg\":\"HS256\",\"kid\":\"K\",\"typ\":\"at+jwt\",\"x5c\":\"x\"}",
            "{\"alg\":\"HS256\",\"alg\":\"none\",\"kid\":\"K\",\"typ\":\"at+jwt\"}",
            "{\"kid\":\"K\",\"typ\":\"at+jwt\"}",
            "{\"alg\":null,\"kid\":\"K\",\"typ\":\"at+jwt\"}",
            "{\"alg\":\"HS256\",\"kid\":\"K\",\"typ\":\"at+jwt\",\"enc\":\"A256GCM\"}",
            "[\"alg\",\"HS256\"]",
            "\"HS256\"",
            "{\"alg\":\"HS256\",\"kid\":\"K\",\"typ\":\"at+jwt\"",
            "{\"alg\":\"HS256\",\"kid\":\"K\",\"typ\":\"at+jwt\"} trailing"})
    void oddHeadersAreInvalidNotErrors(String header) {
        String token = TokenForge.signRaw(key, header.replace("\"K\"", "\"" + key.kid() + "\""), claims());
        assertThat(verifier.verify(token)).isInstanceOf(AccessTokenCheck.Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"exp\":\"tomorrow\"}",
            "{\"iat\":[1]}",
            "{\"aud\":7}",
            "{\"sub\":{\"id\":1}}",
            "{\"jti\":1234}",
            "{\"role\":[\"admin\"]}",
            "{\"username\":42}",
            "{\"sid\":false}",
            "[]",
            "null",
            "{\"exp\":1e400}",
            "{\"exp\":-1}"})
    void oddClaimsAreInvalidNotErrors(String replacement) {
        String good = claims();
        String payload = replacement.startsWith("{")
                ? good.substring(0, good.length() - 1) + "," + replacement.substring(1)
                : replacement;
        String header = "{\"alg\":\"HS256\",\"kid\":\"" + key.kid() + "\",\"typ\":\"at+jwt\"}";
        assertThat(verifier.verify(TokenForge.signRaw(key, header, payload))).isInstanceOf(AccessTokenCheck.Invalid.class);
    }

    @Test
    void mangledTokensAreInvalidNotErrors() {
        String good = new AccessTokenIssuer(SETTINGS, clock).issue(ALICE, key).token();
        Random random = new Random(20260101L);
        for (int i = 0; i < 3000; i++) {
            StringBuilder token = new StringBuilder(good);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && !token.isEmpty(); e++) {
                int at = random.nextInt(token.length());
                switch (random.nextInt(4)) {
                    case 0 -> token.setCharAt(at, BASE64URL.charAt(random.nextInt(BASE64URL.length())));
                    case 1 -> token.deleteCharAt(at);
                    case 2 -> token.insert(at, ".=+/ \u00e9\u0000".charAt(random.nextInt(7)));
                    default -> token.setLength(at);
                }
            }
            String mangled = token.toString();
            if (!mangled.equals(good)) {
                assertThat(verifier.verify(mangled)).as(mangled).isInstanceOf(AccessTokenCheck.Invalid.class);
            }
        }
    }
}
