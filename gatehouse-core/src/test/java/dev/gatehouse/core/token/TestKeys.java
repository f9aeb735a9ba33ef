package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.VerificationKeys;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** One freshly generated key per algorithm, made once per test run (RSA generation is slow). */
final class TestKeys {
    private static final Map<SigningAlgorithm, SigningKey> KEYS = new EnumMap<>(SigningAlgorithm.class);

    private TestKeys() {
    }

    static synchronized SigningKey of(SigningAlgorithm algorithm) {
        return KEYS.computeIfAbsent(algorithm, a -> generate(a, "test-" + a.jwsName().toLowerCase()));
    }

    static SigningKey generate(SigningAlgorithm algorithm, String kid) {
        try {
            JWK jwk = switch (algorithm) {
                case HS256 -> new OctetSequenceKeyGenerator(256).generate();
                case HS384 -> new OctetSequenceKeyGenerator(384).generate();
                case HS512 -> new OctetSequenceKeyGenerator(512).generate();
                case RS256, RS384, RS512, PS256 -> rsa();
                case ES256 -> new ECKeyGenerator(Curve.P_256).generate();
                case ES384 -> new ECKeyGenerator(Curve.P_384).generate();
                case EDDSA -> new OctetKeyPairGenerator(Curve.Ed25519).generate();
            };
            return new SigningKey(kid, algorithm, jwk);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWK rsa() throws JOSEException {
        return new RSAKeyGenerator(2048).generate();
    }

    /** The public (verification-only) twin of a key; HMAC keys have none and stay as they are. */
    static SigningKey publicOf(SigningKey key) {
        return key.publicJwk().map(jwk -> new SigningKey(key.kid(), key.algorithm(), jwk)).orElse(key);
    }

    /** A ring of the given keys' public halves, looked up by kid. */
    static VerificationKeys ring(SigningKey... keys) {
        return kid -> {
            for (SigningKey key : keys) {
                if (key.kid().equals(kid)) {
                    return Optional.of(publicOf(key));
                }
            }
            return Optional.empty();
        };
    }
}
