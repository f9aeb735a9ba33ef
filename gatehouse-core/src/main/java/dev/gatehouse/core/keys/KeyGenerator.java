package dev.gatehouse.core.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * New signing keys from the JDK's {@link java.security.SecureRandom} through Nimbus's generators:
 * RSA 2048 bits (the floor NIST still accepts, and several times cheaper to sign with than 4096), EC on the
 * algorithm's curve, Ed25519, or an HMAC secret as long as the hash output. Each key's kid is its
 * RFC 7638 thumbprint.
 */
public final class KeyGenerator {
    /** RSA modulus size for generated keys. */
    public static final int DEFAULT_RSA_BITS = 2048;

    private KeyGenerator() {
    }

    /**
     * A new key for {@code algorithm}.
     *
     * @param algorithm the algorithm the key is bound to
     * @return the key, private part included
     */
    public static SigningKey generate(SigningAlgorithm algorithm) {
        return generate(algorithm, DEFAULT_RSA_BITS);
    }

    /**
     * A new key; {@code rsaBits} applies to the RSA algorithms only and must be at least 2048.
     *
     * @param algorithm the algorithm the key is bound to
     * @param rsaBits the modulus size of an RSA key
     * @return the key, private part included
     */
    public static SigningKey generate(SigningAlgorithm algorithm, int rsaBits) {
        try {
            JWK jwk = switch (algorithm.family()) {
                case HMAC -> new OctetSequenceKeyGenerator(8 * KeyChecks.hmacMinBytes(algorithm)).generate();
                case RSA -> new RSAKeyGenerator(rsaBits).generate();
                case EC -> new ECKeyGenerator(KeyChecks.curveOf(algorithm)).generate();
                case OKP -> new OctetKeyPairGenerator(KeyChecks.curveOf(algorithm)).generate();
            };
            return SigningKeys.fromOwnJwk(jwk, algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a " + algorithm.jwsName() + " key", e);
        }
    }
}
