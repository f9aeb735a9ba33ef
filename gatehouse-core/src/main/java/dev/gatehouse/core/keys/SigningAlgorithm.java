package dev.gatehouse.core.keys;

import com.nimbusds.jose.JWSAlgorithm;

import java.util.Locale;
import java.util.Optional;

/**
 * The JWS algorithms Gatehouse signs and verifies with ({@code JWT_ALGORITHM}). A key is bound to
 * exactly one of them: a verifier accepts a token only under its key's own algorithm, which is
 * what stops algorithm-confusion attacks (an RSA public key used as an HMAC secret, {@code none}).
 */
public enum SigningAlgorithm {
    /** HMAC with SHA-256, under a secret of at least 32 bytes. */
    HS256(JWSAlgorithm.HS256, Family.HMAC),
    /** HMAC with SHA-384, under a secret of at least 48 bytes. */
    HS384(JWSAlgorithm.HS384, Family.HMAC),
    /** HMAC with SHA-512, under a secret of at least 64 bytes. */
    HS512(JWSAlgorithm.HS512, Family.HMAC),
    /**
     * RSASSA-PKCS1-v1_5 with SHA-256, an RSA key of at least 2048 bits; the default
     * ({@link dev.gatehouse.core.token.AccessTokenSettings#DEFAULT_ALGORITHM}).
     */
    RS256(JWSAlgorithm.RS256, Family.RSA),
    /** RSASSA-PKCS1-v1_5 with SHA-384, an RSA key of at least 2048 bits. */
    RS384(JWSAlgorithm.RS384, Family.RSA),
    /** RSASSA-PKCS1-v1_5 with SHA-512, an RSA key of at least 2048 bits. */
    RS512(JWSAlgorithm.RS512, Family.RSA),
    /** RSASSA-PSS with SHA-256, an RSA key of at least 2048 bits. */
    PS256(JWSAlgorithm.PS256, Family.RSA),
    /** ECDSA on P-256 with SHA-256. */
    ES256(JWSAlgorithm.ES256, Family.EC),
    /** ECDSA on P-384 with SHA-384. */
    ES384(JWSAlgorithm.ES384, Family.EC),
    /** EdDSA on Ed25519; {@code EdDSA} in a JWS header. */
    EDDSA(JWSAlgorithm.EdDSA, Family.OKP);

    /** The key type each algorithm needs. */
    public enum Family {
        /** A shared secret: the verifier can also sign, so its keys never leave the server. */
        HMAC,
        /** RSA key pairs, for RS256, RS384, RS512 and PS256. */
        RSA,
        /** Elliptic-curve key pairs on P-256 and P-384. */
        EC,
        /** Octet key pairs: Ed25519. */
        OKP
    }

    private final JWSAlgorithm jws;
    private final Family family;

    SigningAlgorithm(JWSAlgorithm jws, Family family) {
        this.jws = jws;
        this.family = family;
    }

    /**
     * The name in a JWS header ({@code "EdDSA"} for {@link #EDDSA}).
     *
     * @return the JWS name, such as {@code RS256}
     */
    public String jwsName() {
        return jws.getName();
    }

    /**
     * The algorithm as Nimbus names it.
     *
     * @return Nimbus' algorithm constant
     */
    public JWSAlgorithm jws() {
        return jws;
    }

    /**
     * The type of key the algorithm needs.
     *
     * @return the key family
     */
    public Family family() {
        return family;
    }

    /**
     * True for asymmetric algorithms, whose public keys may be published in a JWKS.
     *
     * @return false for the HMAC algorithms
     */
    public boolean isAsymmetric() {
        return family != Family.HMAC;
    }

    /**
     * Parses a setting or header value case-insensitively; {@code none} and unknown names are empty.
     *
     * @param name the name, such as {@code es256} or {@code EdDSA}; spaces around it are ignored; may be null
     * @return the algorithm, or empty
     */
    public static Optional<SigningAlgorithm> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        for (SigningAlgorithm algorithm : values()) {
            if (algorithm.jwsName().toUpperCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
