package dev.gatehouse.core.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one gate every key passes to become a {@link SigningKey}: from a JWK, a JWK set, a PEM file
 * ({@link PemKeys}) or the generator. A key that passes fits its algorithm, is strong enough,
 * and, when it holds a private part, signs what its public part verifies.
 *
 * <p>That last check is for halves that come from outside, which can be mismatched. Keys whose
 * halves were made together skip it ({@link #fromOwnJwk}): the generator's, and the ring's keys
 * read back from the store, which passed the generator's gate when they were made.
 */
public final class SigningKeys {
    private SigningKeys() {
    }

    /**
     * Accepts {@code jwk} for {@code algorithm}, or throws {@link KeyRejectedException}. The result
     * carries {@code alg}, {@code use=sig} and a kid: the JWK's own, else its RFC 7638 thumbprint.
     *
     * @param jwk       the key, public or private
     * @param algorithm the one algorithm it is to be bound to
     * @return the key, labelled
     * @throws KeyRejectedException when the key does not fit the algorithm, is too weak, or its
     *                              private half does not sign what its public half verifies
     */
    public static SigningKey fromJwk(JWK jwk, SigningAlgorithm algorithm) {
        KeyChecks.requireFits(jwk, algorithm);
        if (algorithm.isAsymmetric() && jwk.isPrivate()) {
            requireHalvesMatch(jwk, algorithm);
        }
        return labelled(jwk, algorithm);
    }

    /**
     * As {@link #fromJwk(JWK, SigningAlgorithm)} without the check that the private half signs what
     * the public half verifies, for keys Gatehouse made: by the JDK's key pair generator
     * ({@link KeyGenerator}), or read back from the key ring it saved ({@link KeyRingCodec}). The
     * check costs a signature, and a ring is read at every start, while the JIT is cold, on the
     * path to listening. It could only catch a store
     * altered by someone who can write it, who could as well store a key pair of their own (and
     * with {@code GATEHOUSE_MASTER_KEY} the keys are sealed with AES-GCM, so any change is refused).
     */
    static SigningKey fromOwnJwk(JWK jwk, SigningAlgorithm algorithm) {
        KeyChecks.requireFits(jwk, algorithm);
        return labelled(jwk, algorithm);
    }

    /**
     * Accepts a JWK that names its own algorithm in {@code alg}; a JWK without one is refused.
     *
     * @param jwk the key, with its {@code alg}
     * @return the key, labelled
     * @throws KeyRejectedException when {@code alg} is missing or not one of {@link SigningAlgorithm}, or
     *         the key fails {@link #fromJwk(JWK, SigningAlgorithm)}
     */
    public static SigningKey fromJwk(JWK jwk) {
        if (jwk.getAlgorithm() == null) {
            throw new KeyRejectedException("the JWK has no \"alg\"; every key is bound to one algorithm");
        }
        SigningAlgorithm algorithm = SigningAlgorithm.fromName(jwk.getAlgorithm().getName())
                .filter(a -> a.jwsName().equals(jwk.getAlgorithm().getName()))
                .orElseThrow(() -> new KeyRejectedException("the JWK's algorithm " + jwk.getAlgorithm().getName()
                        + " is not one Gatehouse signs with"));
        return fromJwk(jwk, algorithm);
    }

    /**
     * Accepts a JWK set (JSON text) whose keys all pass {@link #fromJwk(JWK)}. Refuses the whole
     * set when two keys share a kid (a token's kid must name exactly one key) or when it mixes
     * public keys with private keys or secrets (a set is either for signing or for verifying;
     * mixing them is how a verification-only deployment ends up holding signing material).
     *
     * @param json the JWK set's JSON text
     * @return the keys, in the set's order
     * @throws KeyRejectedException when the set cannot be parsed, or a key or the set as a whole is refused
     */
    public static List<SigningKey> fromJwkSet(String json) {
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException | IllegalArgumentException | IllegalStateException e) {
            // Nimbus refuses malformed members and EC points off the curve here.
            throw new KeyRejectedException("the JWK set is not valid JSON Web Key syntax, or a key in it is malformed");
        }
        List<SigningKey> keys = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        Set<Boolean> privacy = new HashSet<>();
        for (JWK jwk : set.getKeys()) {
            SigningKey key = fromJwk(jwk);
            if (!kids.add(key.kid())) {
                throw new KeyRejectedException("the JWK set has two keys with kid " + key.kid());
            }
            privacy.add(key.canSign());
            keys.add(key);
        }
        if (privacy.size() > 1) {
            throw new KeyRejectedException("the JWK set mixes public keys with private keys or secrets");
        }
        return List.copyOf(keys);
    }

    /** The RFC 7638 SHA-256 thumbprint of the key's public members, base64url. */
    static String thumbprint(JWK jwk) {
        try {
            Base64URL thumbprint = jwk.computeThumbprint();
            return thumbprint.toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static SigningKey labelled(JWK jwk, SigningAlgorithm algorithm) {
        String kid = Optional.ofNullable(jwk.getKeyID()).filter(k -> !k.isBlank()).orElseGet(() -> thumbprint(jwk));
        return new SigningKey(kid, algorithm, labelled(jwk, kid, algorithm));
    }

    private static JWK labelled(JWK jwk, String kid, SigningAlgorithm algorithm) {
        Map<String, Object> members = jwk.toJSONObject();
        members.put("kid", kid);
        members.put("alg", algorithm.jwsName());
        members.put("use", KeyUse.SIGNATURE.identifier());
        try {
            return JWK.parse(members);
        } catch (ParseException e) {
            throw new IllegalStateException("a JWK that parsed once did not parse again", e);
        }
    }

    /** Signs a fixed message with the private half and verifies it with the public half. */
    private static void requireHalvesMatch(JWK jwk, SigningAlgorithm algorithm) {
        try {
            JWSObject probe = new JWSObject(new JWSHeader(algorithm.jws()), new Payload("gatehouse key pair check"));
            probe.sign(signer(jwk));
            if (!probe.verify(verifier(jwk.toPublicJWK()))) {
                throw new KeyRejectedException("the private key and the public key do not belong together");
            }
        } catch (JOSEException e) {
            throw new KeyRejectedException("the " + algorithm.jwsName() + " key cannot sign", e);
        }
    }

    static JWSSigner signer(JWK jwk) throws JOSEException {
        return switch (jwk) {
            case RSAKey rsa -> new RSASSASigner(rsa);
            case ECKey ec -> new ECDSASigner(ec);
            case OctetKeyPair okp -> new Ed25519Signer(okp);
            default -> throw new JOSEException("no signer for key type " + jwk.getKeyType());
        };
    }

    static JWSVerifier verifier(JWK publicJwk) throws JOSEException {
        return switch (publicJwk) {
            case RSAKey rsa -> new RSASSAVerifier(rsa);
            case ECKey ec -> new ECDSAVerifier(ec);
            case OctetKeyPair okp -> new Ed25519Verifier(okp);
            default -> throw new JOSEException("no verifier for key type " + publicJwk.getKeyType());
        };
    }
}
