package dev.gatehouse.core.token;

import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.support.MutableClock;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What the RFC 7515 appendix A tests share: the claims every example signs, and the common checks. */
final class Rfc7515Vectors {
    /** RFC 7515 3.3 / A.1-A.3: {"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}. */
    static final String PAYLOAD = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    static final String PAYLOAD_JSON = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";

    private Rfc7515Vectors() {
    }

    /** The RFC's JWS verifies at the signature level with the RFC's key, and the payload is the RFC's. */
    static void assertVerifies(String jws, SigningKey key) {
        JwsCheck check = new JwsSignatureCheck().verifyWith(jws, key);
        assertThat(check).isInstanceOf(JwsCheck.Verified.class);
        assertThat(new String(((JwsCheck.Verified) check).payload(), StandardCharsets.UTF_8)).isEqualTo(PAYLOAD_JSON);
    }

    /** One changed payload byte (still canonical base64url) breaks the signature. */
    static void assertTamperingIsCaught(String jws, SigningKey key) {
        String[] parts = jws.split("\\.");
        // The payload starts {"iss":"joe"; re-encoding it with "eve" keeps the part canonical.
        String tampered = parts[0] + "." + parts[1].replace("eyJpc3MiOiJqb2Ui", "eyJpc3MiOiJldmUi") + "." + parts[2];
        assertThat(tampered).isNotEqualTo(jws);
        assertThat(new JwsSignatureCheck().verifyWith(tampered, key)).isEqualTo(new JwsCheck.Rejected(InvalidToken.BAD_SIGNATURE));
    }

    /**
     * The production verifier is strict: the RFC examples name no kid (nor typ at+jwt, aud, sub...),
     * so even with the right key in the ring and the clock before their exp, they are not access tokens.
     */
    static void assertProductionVerifierRefuses(String jws, SigningKey key) {
        MutableClock beforeExp = new MutableClock(Instant.ofEpochSecond(1300819380L - 60));
        AccessTokenSettings settings = new AccessTokenSettings("joe", "gatehouse", Duration.ofMinutes(5));
        AccessTokenVerifier verifier = new AccessTokenVerifier(settings, kid -> java.util.Optional.of(key), beforeExp);
        assertThat(verifier.verify(jws)).isEqualTo(new AccessTokenCheck.Invalid(InvalidToken.MISSING_KEY_ID));
        assertThat(new JwsSignatureCheck().verify(jws, kid -> java.util.Optional.of(key)))
                .isEqualTo(new JwsCheck.Rejected(InvalidToken.MISSING_KEY_ID));
    }
}
