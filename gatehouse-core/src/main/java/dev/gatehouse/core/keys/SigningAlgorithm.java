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
    HS256(JWSAlgorithm.HS256, Family.HMAC),
    HS384(JWSAlgorithm.HS384, Family.HMAC),
    HS512(JWSAlgorithm.HS512, Family.HMAC),
    RS256(JWSAlgorithm.RS256, Family.RSA),
    RS384(JWSAlgorithm.RS384, Family.RSA),
    RS512(JWSAlgorithm.RS512, Family.RSA),
    PS256(JWSAlgorithm.PS256, Family.RSA),
    ES256(JWSAlgorithm.ES256, Family.EC),
    ES384(JWSAlgorithm.ES384, Family.EC),
    EDDSA(JWSAlgorithm.EdDSA, Family.OKP);

    /** The key type each algorithm needs. */
    public enum Family {
        /** A shared secret: the verifier can also sign, so its keys never leave the server. */
        HMAC,
        RSA,
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

    /** The name in a JWS header ({@code "EdDSA"} for {@link #EDDSA}). */
    public String jwsName() {
        return jws.getName();
    }

    public JWSAlgorithm jws() {
        return jws;
    }

    public Family family() {
        return family;
    }

    /** True for asymmetric algorithms, whose public keys may be published in a JWKS. */
    public boolean isAsymmetric() {
        return family != Family.HMAC;
    }

    /** Parses a setting or header value case-insensitively; {@code none} and unknown names are empty. */
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
