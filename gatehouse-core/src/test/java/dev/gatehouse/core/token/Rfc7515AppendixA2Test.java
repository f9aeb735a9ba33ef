package dev.gatehouse.core.token;

import com.nimbusds.jose.jwk.JWK;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7515 appendix A.2: JWS using RSASSA-PKCS1-v1_5 SHA-256, with the RFC's public key and JWS. */
class Rfc7515AppendixA2Test {
    static final String KEY = "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ\"}";
    /** Header {"alg":"RS256"}. */
    static final String JWS = "eyJhbGciOiJSUzI1NiJ9." + Rfc7515Vectors.PAYLOAD + "."
            + "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4"
            + "BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1p"
            + "hCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

    private final SigningKey key = key();

    static SigningKey key() {
        try {
            return new SigningKey("rfc7515-a2", SigningAlgorithm.RS256, JWK.parse(KEY));
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
    void theSameRsaKeyUnderPs256DoesNotVerifyAnRs256Jws() {
        SigningKey ps256 = new SigningKey(key.kid(), SigningAlgorithm.PS256, key.jwk());
        assertThat(new JwsSignatureCheck().verifyWith(JWS, ps256)).isEqualTo(new JwsCheck.Rejected(InvalidToken.ALGORITHM_MISMATCH));
    }

    @Test
    void theProductionVerifierRefusesItAsAnAccessToken() {
        Rfc7515Vectors.assertProductionVerifierRefuses(JWS, key);
    }
}
