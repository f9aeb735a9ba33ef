package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeyTypeException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;

import java.security.Key;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Builds Nimbus verifiers from a {@link PinnedKey}'s JWK by the key's own algorithm family: an
 * HMAC verifier only from an {@code oct} JWK, RSA only from an RSA JWK, and so on. That is what
 * makes HS/RS confusion impossible: an RSA public key never becomes a MAC secret.
 * Verifiers are thread-safe and cached per key, since turning a JWK into a JCA key costs about as
 * much as an HS256 verification.
 */
final class PinnedVerifierFactory implements JWSVerifierFactory {
    /** Key rings hold a handful of keys; the bound only guards against unbounded growth. */
    private static final int MAX_CACHED = 64;

    private final JCAContext jcaContext = new JCAContext();
    private final ConcurrentMap<SigningKey, JWSVerifier> verifiers = new ConcurrentHashMap<>();

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        if (!(key instanceof PinnedKey pinned)) {
            throw new KeyTypeException(PinnedKey.class);
        }
        SigningKey signingKey = pinned.signingKey();
        if (!signingKey.algorithm().jws().equals(header.getAlgorithm())) {
            throw new JOSEException("header algorithm differs from the key's; admission should have refused it");
        }
        JWSVerifier cached = verifiers.get(signingKey);
        if (cached != null) {
            return cached;
        }
        JWSVerifier created = build(signingKey);
        if (verifiers.size() >= MAX_CACHED) {
            verifiers.clear();
        }
        verifiers.put(signingKey, created);
        return created;
    }

    private static JWSVerifier build(SigningKey key) throws JOSEException {
        JWK jwk = key.jwk();
        return switch (key.algorithm().family()) {
            case HMAC -> new MACVerifier(require(jwk, OctetSequenceKey.class));
            case RSA -> new RSASSAVerifier(require(jwk, RSAKey.class).toPublicJWK());
            case EC -> new ECDSAVerifier(require(jwk, ECKey.class).toPublicJWK());
            case OKP -> new Ed25519Verifier(require(jwk, OctetKeyPair.class).toPublicJWK());
        };
    }

    static <T extends JWK> T require(JWK jwk, Class<T> type) throws JOSEException {
        if (!type.isInstance(jwk)) {
            // A key ring bug, not a bad token: e.g. an HMAC-bound key holding an RSA JWK.
            throw new JOSEException("the key's JWK type does not fit its algorithm; expected " + type.getSimpleName());
        }
        return type.cast(jwk);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        Set<JWSAlgorithm> all = new LinkedHashSet<>();
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            all.add(algorithm.jws());
        }
        return all;
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
