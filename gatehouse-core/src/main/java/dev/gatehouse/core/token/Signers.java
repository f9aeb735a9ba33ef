package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.gatehouse.core.keys.SigningKey;

/** Nimbus signers built from a key by its own algorithm family, mirroring {@link PinnedVerifierFactory}. */
final class Signers {
    private Signers() {
    }

    /**
     * @throws JOSEException when the key cannot sign (public only, too short, wrong JWK type)
     */
    static JWSSigner forKey(SigningKey key) throws JOSEException {
        if (!key.canSign()) {
            throw new JOSEException("key " + key.kid() + " holds no private part");
        }
        return switch (key.algorithm().family()) {
            case HMAC -> new MACSigner(PinnedVerifierFactory.require(key.jwk(), OctetSequenceKey.class));
            case RSA -> new RSASSASigner(PinnedVerifierFactory.require(key.jwk(), RSAKey.class));
            case EC -> new ECDSASigner(PinnedVerifierFactory.require(key.jwk(), ECKey.class));
            case OKP -> new Ed25519Signer(PinnedVerifierFactory.require(key.jwk(), OctetKeyPair.class));
        };
    }
}
