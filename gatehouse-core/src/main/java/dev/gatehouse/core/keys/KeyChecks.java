package dev.gatehouse.core.keys;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;

import java.math.BigInteger;

/**
 * The rules a key must pass before Gatehouse signs or verifies with it. One place, so PEM files,
 * JWKs, generated keys and keys read back from a store are held to the same standard.
 */
final class KeyChecks {
    /** NIST SP 800-131A: RSA below 2048 bits no longer protects anything worth a token. */
    static final int MIN_RSA_BITS = 2048;

    private KeyChecks() {
    }

    /** Refuses a key whose type, size, curve or use does not fit {@code algorithm}. */
    static void requireFits(JWK jwk, SigningAlgorithm algorithm) {
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            throw new KeyRejectedException("a " + algorithm.jwsName() + " key must have use \"sig\", not \"" + jwk.getKeyUse().getValue() + "\"");
        }
        if (jwk.getAlgorithm() != null && !algorithm.jwsName().equals(jwk.getAlgorithm().getName())) {
            throw new KeyRejectedException("the key is declared for " + jwk.getAlgorithm().getName() + ", not " + algorithm.jwsName());
        }
        switch (algorithm.family()) {
            case HMAC -> requireHmac(jwk, algorithm);
            case RSA -> requireRsa(jwk, algorithm);
            case EC -> requireEc(jwk, algorithm);
            case OKP -> requireEd25519(jwk, algorithm);
        }
    }

    /** The secret length an HMAC algorithm needs: its hash output (RFC 7518 section 3.2). */
    static int hmacMinBytes(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case HS256 -> 32;
            case HS384 -> 48;
            case HS512 -> 64;
            default -> throw new IllegalArgumentException(algorithm.jwsName() + " is not an HMAC algorithm");
        };
    }

    /** The curve an EC algorithm is defined over (RFC 7518 section 3.4). */
    static Curve curveOf(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case ES256 -> Curve.P_256;
            case ES384 -> Curve.P_384;
            case EDDSA -> Curve.Ed25519;
            default -> throw new IllegalArgumentException(algorithm.jwsName() + " has no curve");
        };
    }

    private static void requireType(JWK jwk, KeyType type, SigningAlgorithm algorithm) {
        if (!type.equals(jwk.getKeyType())) {
            throw new KeyRejectedException(algorithm.jwsName() + " needs a key of type " + type.getValue() + ", not " + jwk.getKeyType().getValue());
        }
    }

    private static void requireHmac(JWK jwk, SigningAlgorithm algorithm) {
        requireType(jwk, KeyType.OCT, algorithm);
        int bytes = ((OctetSequenceKey) jwk).toByteArray().length;
        if (bytes < hmacMinBytes(algorithm)) {
            throw new KeyRejectedException(algorithm.jwsName() + " needs a secret of at least " + hmacMinBytes(algorithm)
                    + " bytes; this one has " + bytes);
        }
    }

    private static void requireRsa(JWK jwk, SigningAlgorithm algorithm) {
        requireType(jwk, KeyType.RSA, algorithm);
        RSAKey rsa = (RSAKey) jwk;
        BigInteger modulus = rsa.getModulus().decodeToBigInteger();
        BigInteger exponent = rsa.getPublicExponent().decodeToBigInteger();
        if (modulus.bitLength() < MIN_RSA_BITS) {
            throw new KeyRejectedException(algorithm.jwsName() + " needs an RSA key of at least " + MIN_RSA_BITS
                    + " bits; this one has " + modulus.bitLength());
        }
        // An even or tiny exponent makes "RSA" the identity or breakable; 3 is the smallest sound one.
        if (exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0)) {
            throw new KeyRejectedException("the RSA public exponent must be odd and at least 3");
        }
        if (!modulus.testBit(0)) {
            throw new KeyRejectedException("the RSA modulus must be odd");
        }
        if (RocaFingerprint.matches(modulus)) {
            throw new KeyRejectedException("the RSA key was made by a generator with the ROCA flaw (CVE-2017-15361); make a new key");
        }
    }

    private static void requireEc(JWK jwk, SigningAlgorithm algorithm) {
        requireType(jwk, KeyType.EC, algorithm);
        Curve curve = ((ECKey) jwk).getCurve();
        if (!curveOf(algorithm).equals(curve)) {
            throw new KeyRejectedException(algorithm.jwsName() + " needs an EC key on " + curveOf(algorithm).getName()
                    + ", not " + curve.getName());
        }
    }

    private static void requireEd25519(JWK jwk, SigningAlgorithm algorithm) {
        requireType(jwk, KeyType.OKP, algorithm);
        Curve curve = ((OctetKeyPair) jwk).getCurve();
        if (!Curve.Ed25519.equals(curve)) {
            throw new KeyRejectedException("EdDSA here means Ed25519 only, not " + curve.getName());
        }
    }
}
