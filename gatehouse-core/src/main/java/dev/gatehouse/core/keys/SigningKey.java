package dev.gatehouse.core.keys;

import com.nimbusds.jose.jwk.JWK;

import java.util.Objects;

/**
 * One key of the key ring, bound to one algorithm. {@code jwk} holds the private part (or the
 * HMAC secret) when this server signs with it; a verification-only key holds the public part.
 * {@link #toString} never prints key material.
 *
 * @param kid the key id tokens name in their header; unique within a ring
 * @param algorithm the one algorithm the key signs and verifies with
 * @param jwk the key itself: the private part or secret when it signs, else the public part
 */
public record SigningKey(String kid, SigningAlgorithm algorithm, JWK jwk) {
    /**
     * Refuses a missing component and a blank kid.
     *
     * @throws IllegalArgumentException when the kid is blank
     */
    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(jwk, "jwk");
        if (kid.isBlank()) {
            throw new IllegalArgumentException("a key needs a non-blank kid");
        }
    }

    /**
     * True when this key can sign (holds private material or an HMAC secret).
     *
     * @return true for a private key or a secret
     */
    public boolean canSign() {
        return jwk.isPrivate() || algorithm.family() == SigningAlgorithm.Family.HMAC;
    }

    /**
     * The public half, safe to publish; empty for HMAC keys, which have none.
     *
     * @return the public JWK, or empty for an HMAC key
     */
    public java.util.Optional<JWK> publicJwk() {
        return algorithm.isAsymmetric() ? java.util.Optional.of(jwk.toPublicJWK()) : java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", algorithm=" + algorithm.jwsName() + (canSign() ? ", private" : ", public") + "]";
    }
}
