package dev.gatehouse.core.keys;

import com.nimbusds.jose.jwk.JWK;

import java.util.Objects;

/**
 * One key of the key ring, bound to one algorithm. {@code jwk} holds the private part (or the
 * HMAC secret) when this server signs with it; a verification-only key holds the public part.
 * {@link #toString} never prints key material.
 *
 * @param kid the key id tokens name in their header; unique within a ring
 */
public record SigningKey(String kid, SigningAlgorithm algorithm, JWK jwk) {
    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(jwk, "jwk");
        if (kid.isBlank()) {
            throw new IllegalArgumentException("a key needs a non-blank kid");
        }
    }

    /** True when this key can sign (holds private material or an HMAC secret). */
    public boolean canSign() {
        return jwk.isPrivate() || algorithm.family() == SigningAlgorithm.Family.HMAC;
    }

    /** The public half, safe to publish; empty for HMAC keys, which have none. */
    public java.util.Optional<JWK> publicJwk() {
        return algorithm.isAsymmetric() ? java.util.Optional.of(jwk.toPublicJWK()) : java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", algorithm=" + algorithm.jwsName() + (canSign() ? ", private" : ", public") + "]";
    }
}
