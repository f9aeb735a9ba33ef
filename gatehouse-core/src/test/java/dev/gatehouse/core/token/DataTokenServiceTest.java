package dev.gatehouse.core.token;

import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.token.DataTokenVerification.Decoded;
import dev.gatehouse.core.token.DataTokenVerification.Malformed;
import dev.gatehouse.core.token.DataTokenVerification.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataTokenServiceTest {
    private static final String KEY_64 = "0123456789abcdef".repeat(4);
    private static final String KEY_32 = "0123456789abcdef".repeat(2);
    /** Made with Python's hmac and hashlib, not with Nimbus: header {"typ":"JWT","alg":"HS512"}, key KEY_64. */
    private static final String PYTHON_HS512 = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.eyJpYXQiOjE3MDAwMDAwMDAsImp0aSI6IjAwMTEyMjMzNDQ1NTY2Nzc4ODk5YWFiYmNjZGRlZWZmIiwicGF5bG9hZCI6eyJkYXRhIjoiaGVsbG8iLCJkYXRlIjoiMjAyMy0xMS0xNCJ9fQ.kyQEmTP-mEomS74rMXIETYjI4k2xxko2BwOIrnhkG-qI4Du2bc3PiZYnac-WIBjqwia39PsDhS85YdkLHmAuLw";
    /** The same claims, HS256 under KEY_32. */
    private static final String PYTHON_HS256 = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpYXQiOjE3MDAwMDAwMDAsImp0aSI6IjAwMTEyMjMzNDQ1NTY2Nzc4ODk5YWFiYmNjZGRlZWZmIiwicGF5bG9hZCI6eyJkYXRhIjoiaGVsbG8iLCJkYXRlIjoiMjAyMy0xMS0xNCJ9fQ.qhpX8b7iXhxSBD6pKLf1I8U7TUBc_VM_sUH0B0t9-V0";
    /** The same claims, HS512 under the six-byte key "secret", as an existing client might have made. */
    private static final String PYTHON_HS512_SHORT_KEY = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.eyJpYXQiOjE3MDAwMDAwMDAsImp0aSI6IjAwMTEyMjMzNDQ1NTY2Nzc4ODk5YWFiYmNjZGRlZWZmIiwicGF5bG9hZCI6eyJkYXRhIjoiaGVsbG8iLCJkYXRlIjoiMjAyMy0xMS0xNCJ9fQ.zmjhTWI8rmhwLbxgVbBNJPSRUp-V2dNkJukSgmw0L6LrBFZzFPL77HRDqKaYwFXenXkl9Uk6eJW0IXQwKIjMvA";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T23:59:58.750Z"));
    private final DataTokenService service = new DataTokenService(KEY_64.getBytes(StandardCharsets.UTF_8), clock);

    @Test
    void aCreatedTokenHasTheCompatibleHeaderAndClaims() {
        String token = service.create("hello world");

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(decode(parts[0])).isIn("{\"typ\":\"JWT\",\"alg\":\"HS512\"}", "{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
        Decoded decoded = (Decoded) service.verify(token, Optional.empty());
        assertThat(decoded.signatureVerified()).isTrue();
        assertThat(decoded.reason()).isEmpty();
        assertThat(decoded.header()).isEqualTo(Map.of("typ", "JWT", "alg", "HS512"));
        assertThat(decoded.claims()).containsOnlyKeys("iat", "jti", "payload");
        assertThat(decoded.claims().get("iat")).isEqualTo(Instant.parse("2026-03-01T23:59:58Z").getEpochSecond());
        assertThat((String) decoded.claims().get("jti")).matches("[0-9a-f]{32}");
        assertThat(decoded.claims().get("payload")).isEqualTo(Map.of("data", "hello world", "date", "2026-03-01"));
    }

    @Test
    void theDateIsTodayInUtcFromTheClock() {
        clock.advance(Duration.ofSeconds(2));

        Decoded decoded = (Decoded) service.verify(service.create("x"), Optional.empty());

        assertThat(decoded.claims().get("payload")).isEqualTo(Map.of("data", "x", "date", "2026-03-02"));
    }

    @Test
    void everyTokenHasItsOwnJti() {
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            seen.add(((Decoded) service.verify(service.create("same"), Optional.empty())).claims().get("jti"));
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void theServerSecretAsSigningKeyVerifies() {
        Decoded decoded = (Decoded) service.verify(service.create("x"), Optional.of(KEY_64));

        assertThat(decoded.signatureVerified()).isTrue();
    }

    @Test
    void aWrongKeyDoesNotVerify() {
        Decoded decoded = (Decoded) service.verify(service.create("x"), Optional.of("another key that is long enough".repeat(3)));

        assertThat(decoded.signatureVerified()).isFalse();
        assertThat(decoded.reason()).contains(Reason.SIGNATURE_MISMATCH);
        assertThat(decoded.claims()).containsKey("payload");
    }

    @Test
    void anotherServersTokenDoesNotVerifyAgainstOurSecret() {
        DataTokenService other = new DataTokenService(("z".repeat(64)).getBytes(StandardCharsets.UTF_8), clock);

        Decoded decoded = (Decoded) service.verify(other.create("x"), Optional.empty());

        assertThat(decoded.signatureVerified()).isFalse();
        assertThat(decoded.reason()).contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void tokensMadeByAnIndependentHmacVerify() {
        assertThat(((Decoded) service.verify(PYTHON_HS512, Optional.empty())).signatureVerified()).isTrue();
        assertThat(((Decoded) service.verify(PYTHON_HS512, Optional.of(KEY_64))).signatureVerified()).isTrue();
        assertThat(((Decoded) service.verify(PYTHON_HS256, Optional.of(KEY_32))).signatureVerified()).isTrue();
    }

    @Test
    void aKeyAloneVerifiesWithoutAServerSecret() {
        String token = service.create("x");

        assertThat(((Decoded) DataTokenService.verifyWithKey(token, KEY_64)).signatureVerified()).isTrue();
        assertThat(((Decoded) DataTokenService.verifyWithKey(token, KEY_64 + "!")).reason()).contains(Reason.SIGNATURE_MISMATCH);
        assertThat(((Decoded) DataTokenService.verifyWithKey(PYTHON_HS256, KEY_32)).signatureVerified()).isTrue();
        assertThat(DataTokenService.verifyWithKey("x.y", KEY_64)).isInstanceOf(Malformed.class);
    }

    @Test
    void theServerSecretVerifiesOnlyHs512() {
        Decoded decoded = (Decoded) service.verify(PYTHON_HS256, Optional.empty());

        assertThat(decoded.signatureVerified()).isFalse();
        assertThat(decoded.reason()).contains(Reason.UNEXPECTED_ALGORITHM);
    }

    @Test
    void aKeyShorterThanTheHashIsRefusedNotUsed() {
        Decoded shortKey = (Decoded) service.verify(PYTHON_HS512_SHORT_KEY, Optional.of("secret"));
        assertThat(shortKey.signatureVerified()).isFalse();
        assertThat(shortKey.reason()).contains(Reason.KEY_TOO_SHORT);
        assertThat(shortKey.claims()).containsKey("payload");

        // 32 bytes are enough for HS256 but not for HS512.
        Decoded halfKey = (Decoded) service.verify(PYTHON_HS512, Optional.of(KEY_32));
        assertThat(halfKey.reason()).contains(Reason.KEY_TOO_SHORT);
        assertThat(((Decoded) service.verify(PYTHON_HS512, Optional.of(""))).reason()).contains(Reason.KEY_TOO_SHORT);
    }

    @Test
    void anUnsecuredTokenIsDecodedButNeverVerified() {
        String none = b64("{\"alg\":\"none\"}") + "." + b64("{\"sub\":\"admin\"}") + ".";

        Decoded decoded = (Decoded) service.verify(none, Optional.of(KEY_64));

        assertThat(decoded.signatureVerified()).isFalse();
        assertThat(decoded.reason()).contains(Reason.ALGORITHM_NOT_HMAC);
        assertThat(decoded.header()).isEqualTo(Map.of("alg", "none"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "PS256", "EdDSA", "NONE"})
    void aNonHmacAlgorithmIsNeverVerifiedWithAnHmacKey(String alg) {
        String[] parts = PYTHON_HS512.split("\\.");
        String token = b64("{\"typ\":\"JWT\",\"alg\":\"" + alg + "\"}") + "." + parts[1] + "." + parts[2];

        DataTokenVerification result = service.verify(token, Optional.of(KEY_64));

        assertThat(result).isInstanceOfSatisfying(Decoded.class, d -> {
            assertThat(d.signatureVerified()).isFalse();
            assertThat(d.reason()).contains(Reason.ALGORITHM_NOT_HMAC);
        });
    }

    @Test
    void anUnknownCriticalHeaderIsRefused() {
        String[] parts = PYTHON_HS512.split("\\.");
        String token = b64("{\"alg\":\"HS512\",\"crit\":[\"exp\"],\"exp\":1}") + "." + parts[1] + "." + parts[2];

        Decoded decoded = (Decoded) service.verify(token, Optional.of(KEY_64));

        assertThat(decoded.signatureVerified()).isFalse();
    }

    @Test
    void aChangedPayloadDoesNotVerify() {
        String[] parts = service.create("x").split("\\.");
        String forged = parts[0] + "." + b64("{\"payload\":{\"data\":\"admin\"}}") + "." + parts[2];

        assertThat(((Decoded) service.verify(forged, Optional.empty())).signatureVerified()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a token", "a.b", "a.b.c.d", "!!!.@@@.###", "eyJhbGciOiJIUzUxMiJ9.bm90IGpzb24.c2ln",
            "eyJhbGciOiJIUzUxMiJ9.WzEsMl0.c2ln", "e30.e30.c2ln",
            "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d"})
    void textThatIsNoJwsIsMalformed(String token) {
        assertThat(service.verify(token, Optional.empty())).isInstanceOf(Malformed.class);
    }

    @Test
    void aSecretShorterThan512BitsIsRefused() {
        assertThatThrownBy(() -> new DataTokenService(new byte[63], clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
