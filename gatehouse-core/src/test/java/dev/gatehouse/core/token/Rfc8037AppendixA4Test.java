package dev.gatehouse.core.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.JWK;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 8037 appendix A.4 (Ed25519 signing) and A.5 (verification), with the RFC's key (A.1/A.2). */
class Rfc8037AppendixA4Test {
    static final String PRIVATE_KEY = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
            + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
    static final String PAYLOAD = "Example of Ed25519 signing";
    /** Header {"alg":"EdDSA"}. */
    static final String JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
            + "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    private final SigningKey key = key();

    static SigningKey key() {
        try {
            return new SigningKey("rfc8037", SigningAlgorithm.EDDSA, JWK.parse(PRIVATE_KEY));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signingReproducesTheRfcSignatureExactly() throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.EdDSA), new Payload(PAYLOAD));
        jws.sign(Signers.forKey(key));
        assertThat(jws.serialize()).isEqualTo(JWS);
    }

    @Test
    void theRfcJwsVerifiesWithThePublicKeyOnly() {
        SigningKey publicOnly = TestKeys.publicOf(key);
        assertThat(publicOnly.canSign()).isFalse();
        JwsCheck check = new JwsSignatureCheck().verifyWith(JWS, publicOnly);
        assertThat(check).isInstanceOf(JwsCheck.Verified.class);
        assertThat(new String(((JwsCheck.Verified) check).payload(), StandardCharsets.UTF_8)).isEqualTo(PAYLOAD);
    }

    @Test
    void aChangedPayloadDoesNotVerify() {
        String other = JWS.replace("RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc", "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmE");
        assertThat(new JwsSignatureCheck().verifyWith(other, TestKeys.publicOf(key))).isEqualTo(new JwsCheck.Rejected(InvalidToken.BAD_SIGNATURE));
    }

    @Test
    void theProductionVerifierRefusesItAsAnAccessToken() {
        AccessTokenVerifier verifier = new AccessTokenVerifier(AccessTokenRoundTripTest.SETTINGS, TestKeys.ring(key),
                dev.gatehouse.core.support.MutableClock.atFixedStart());
        assertThat(verifier.verify(JWS)).isEqualTo(new AccessTokenCheck.Invalid(InvalidToken.MISSING_KEY_ID));
    }
}
