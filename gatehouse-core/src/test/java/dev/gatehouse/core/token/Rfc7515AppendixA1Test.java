package dev.gatehouse.core.token;

import com.nimbusds.jose.jwk.JWK;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import org.junit.jupiter.api.Test;

/** RFC 7515 appendix A.1: JWS using HMAC SHA-256, with the RFC's own key and JWS. */
class Rfc7515AppendixA1Test {
    static final String KEY = "{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}";
    /** Header {"typ":"JWT",\r\n "alg":"HS256"}. */
    static final String JWS = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." + Rfc7515Vectors.PAYLOAD + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private final SigningKey key = key();

    static SigningKey key() {
        try {
            return new SigningKey("rfc7515-a1", SigningAlgorithm.HS256, JWK.parse(KEY));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theRfcJwsVerifiesWithTheRfcKey() {
        Rfc7515Vectors.assertVerifies(JWS, key);
    }

    @Test
    void aTamperedPayloadDoesNot() {
        Rfc7515Vectors.assertTamperingIsCaught(JWS, key);
    }

    @Test
    void theSameKeyBoundToHs512DoesNotVerifyAnHs256Jws() {
        SigningKey hs512 = new SigningKey(key.kid(), SigningAlgorithm.HS512, key.jwk());
        org.assertj.core.api.Assertions.assertThat(new JwsSignatureCheck().verifyWith(JWS, hs512))
                .isEqualTo(new JwsCheck.Rejected(InvalidToken.ALGORITHM_MISMATCH));
    }

    @Test
    void theProductionVerifierRefusesItAsAnAccessToken() {
        Rfc7515Vectors.assertProductionVerifierRefuses(JWS, key);
    }
}
