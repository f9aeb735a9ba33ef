package dev.gatehouse.core.token;

import dev.gatehouse.core.keys.SigningKey;

import java.security.Key;

/**
 * A {@link Key} that is really a {@link SigningKey}: Nimbus' selector/factory contract passes JCA
 * keys, but Ed25519 verifiers and our one-algorithm-per-key rule need the JWK and its algorithm.
 * Never leaves this package.
 *
 * @param signingKey the resolved key
 */
record PinnedKey(SigningKey signingKey) implements Key {
    @Override
    public String getAlgorithm() {
        return signingKey.algorithm().jwsName();
    }

    @Override
    public String getFormat() {
        return null;
    }

    @Override
    public byte[] getEncoded() {
        return null;
    }

    @Override
    public String toString() {
        return "PinnedKey[" + signingKey + "]";
    }
}
