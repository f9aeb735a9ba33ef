package dev.gatehouse.core.internal.keys;

import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.gatehouse.core.keys.KeyRejectedException;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.SigningKeys;

import java.nio.charset.StandardCharsets;

/**
 * HMAC signing keys from a configured secret ({@code JWT_SECRET}). The secret's UTF-8 bytes are the
 * key, and there must be at least as many as the hash has output (32 for HS256, 48 for HS384, 64
 * for HS512, RFC 7518 section 3.2): a shorter secret caps the strength below the algorithm's and
 * invites offline guessing from any one token.
 */
public final class HmacSecrets {
    private HmacSecrets() {
    }

    /**
     * The secret as a key for {@code algorithm}, its kid the RFC 7638 thumbprint. The thumbprint is
     * a SHA-256 of the secret; that reveals no more than a token's own MAC already does.
     *
     * @param algorithm HS256, HS384 or HS512
     * @param secret    the configured secret
     * @return the key, ready to sign and verify
     * @throws KeyRejectedException when the algorithm is not HMAC or the secret is too short
     *                              (the message gives lengths, never the secret)
     */
    public static SigningKey fromText(SigningAlgorithm algorithm, String secret) {
        if (algorithm.isAsymmetric()) {
            throw new KeyRejectedException(algorithm.jwsName() + " signs with a key pair (PEM files), not JWT_SECRET");
        }
        if (secret == null || secret.isEmpty()) {
            throw new KeyRejectedException(algorithm.jwsName() + " needs JWT_SECRET");
        }
        return fromBytes(algorithm, secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * As {@link #fromText}, from raw secret bytes.
     *
     * @param algorithm HS256, HS384 or HS512
     * @param secret the secret's bytes
     * @return the key, ready to sign and verify
     * @throws KeyRejectedException when the algorithm is not HMAC or the secret is too short
     */
    public static SigningKey fromBytes(SigningAlgorithm algorithm, byte[] secret) {
        if (algorithm.isAsymmetric()) {
            throw new KeyRejectedException(algorithm.jwsName() + " is not an HMAC algorithm");
        }
        return SigningKeys.fromJwk(new OctetSequenceKey.Builder(secret).build(), algorithm);
    }
}
