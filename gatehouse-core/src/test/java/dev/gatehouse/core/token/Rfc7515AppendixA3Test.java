package dev.gatehouse.core.token;

import com.nimbusds.jose.jwk.JWK;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7515 appendix A.3: JWS using ECDSA P-256 SHA-256, with the RFC's public key and JWS. */
class Rfc7515AppendixA3Test {
    static final String KEY = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
            + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";
    /** Header {"alg":"ES256"}. */
    static final String JWS = "eyJhbGciOiJFUzI1NiJ9." + Rfc7515Vectors.PAYLOAD + "."
            + "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    private final SigningKey key = key();

    static SigningKey key() {
        try {
            return new SigningKey("rfc7515-a3", SigningAlgorithm.ES256, JWK.parse(KEY));
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
    void aSignatureWithRAndSSwappedDoesNotVerify() {
        String[] parts = JWS.split("\\.");
        byte[] rs = new com.nimbusds.jose.util.Base64URL(parts[2]).decode();
        byte[] sr = new byte[64];
        System.arraycopy(rs, 32, sr, 0, 32);
        System.arraycopy(rs, 0, sr, 32, 32);
        String swapped = parts[0] + "." + parts[1] + "." + com.nimbusds.jose.util.Base64URL.encode(sr);
        assertThat(new JwsSignatureCheck().verifyWith(swapped, key)).isEqualTo(new JwsCheck.Rejected(InvalidToken.BAD_SIGNATURE));
    }

    @Test
    void theProductionVerifierRefusesItAsAnAccessToken() {
        Rfc7515Vectors.assertProductionVerifierRefuses(JWS, key);
    }
}
