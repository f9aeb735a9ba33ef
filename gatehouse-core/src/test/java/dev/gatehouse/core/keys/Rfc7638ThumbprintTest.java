package dev.gatehouse.core.keys;

import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7638 section 3.1: the example RSA key's thumbprint becomes its kid. */
class Rfc7638ThumbprintTest {
    private static final String N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3"
            + "oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvR"
            + "L5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

    @Test
    void theRfcExampleKeyGetsTheRfcThumbprintAsKid() throws Exception {
        JWK jwk = JWK.parse("{\"kty\":\"RSA\",\"n\":\"" + N + "\",\"e\":\"AQAB\",\"alg\":\"RS256\"}");

        SigningKey key = SigningKeys.fromJwk(jwk, SigningAlgorithm.RS256);

        assertThat(key.kid()).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }
}
