package dev.gatehouse.core.token;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEProcessor;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.VerificationKeys;
import dev.gatehouse.core.spi.StoreUnavailableException;

import java.text.ParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a compact JWS's signature under Gatehouse's algorithm policy, without judging claims.
 * {@link AccessTokenVerifier} runs the same admission before its claim checks; this class is also
 * the path for JWS whose payload is not a claims set (test vectors) or whose key is known out of
 * band.
 *
 * <p>Before any signature is computed it refuses what is never ours: tokens over 8 KiB (parser
 * exhaustion), JWE, anything but three canonical base64url parts (so one token has exactly one
 * spelling and padding or bit tricks cannot smuggle a second meaning), {@code none} in any case,
 * algorithms outside {@link SigningAlgorithm}, key-carrying headers ({@code jku}, {@code x5u},
 * {@code jwk}, {@code x5c}: an attacker's key would verify an attacker's token, and URLs would make
 * us fetch), any {@code crit}, and {@code b64}. The key comes only from the kid, with no fallback,
 * and only under the one algorithm that key is bound to. Thread-safe.
 */
public final class JwsSignatureCheck {
    /** 8 KiB: generous for an access token (typically under 1 KiB), small enough to refuse floods cheaply. */
    public static final int MAX_TOKEN_CHARS = 8 * 1024;

    private static final Set<String> FORBIDDEN_HEADERS = Set.of("jku", "x5u", "jwk", "x5c", "b64");

    private final PinnedVerifierFactory verifierFactory = new PinnedVerifierFactory();
    private final PinnedKeySelector keySelector = new PinnedKeySelector();
    private final DefaultJOSEProcessor<KeyContext> processor = new DefaultJOSEProcessor<>();

    /** A check with its own verifier cache; any {@code typ} may pass, as it is a question for the claims. */
    public JwsSignatureCheck() {
        processor.setJWSKeySelector(keySelector);
        processor.setJWSVerifierFactory(verifierFactory);
        // typ is a claims-level question (AccessTokenVerifier asks it); here any typ may pass.
        processor.setJWSTypeVerifier((type, context) -> { });
    }

    /**
     * Checks a JWS whose header names its key by {@code kid}.
     *
     * @param compact the compact JWS as presented; null is malformed
     * @param keys    finds the key the kid names
     * @return the key, header and payload, or why the JWS is refused
     * @throws StoreUnavailableException when the key source's store cannot be reached (passed on as is)
     * @throws TokenProcessingException   when the key source fails otherwise or a key cannot build a verifier
     */
    public JwsCheck verify(String compact, VerificationKeys keys) {
        Objects.requireNonNull(keys, "keys");
        return verifyAdmitted(admitByKid(compact, keys));
    }

    /**
     * Checks a JWS against one key known out of band (a key given with the request, an RFC
     * example). The algorithm policy is the same; a kid is optional but, if present, must be this key's.
     *
     * @param compact the compact JWS as presented; null is malformed
     * @param key the one key that may verify it, under its own algorithm
     * @return the key, header and payload, or why the JWS is refused
     * @throws TokenProcessingException when the key cannot build a verifier
     */
    public JwsCheck verifyWith(String compact, SigningKey key) {
        Objects.requireNonNull(key, "key");
        return verifyAdmitted(admit(compact, pinned(key)));
    }

    private JwsCheck verifyAdmitted(Admission admission) {
        return switch (admission) {
            case Admission.Refused refused -> new JwsCheck.Rejected(refused.reason());
            case Admission.Admitted admitted -> {
                try {
                    processor.process(admitted.jws(), new KeyContext(admitted.key()));
                    yield new JwsCheck.Verified(admitted.key(), admitted.jws().getHeader().toJSONObject(),
                            admitted.jws().getPayload().toBytes());
                } catch (BadJWSException e) {
                    yield new JwsCheck.Rejected(InvalidToken.BAD_SIGNATURE);
                } catch (BadJOSEException e) {
                    // Only the selector's defensive re-check of kid and algorithm can end here.
                    yield new JwsCheck.Rejected(InvalidToken.ALGORITHM_MISMATCH);
                } catch (JOSEException e) {
                    throw new TokenProcessingException("could not verify a JWS signature", e);
                }
            }
        };
    }

    /** The verifier factory shared with the JWT processor, so both paths build verifiers one way. */
    PinnedVerifierFactory verifierFactory() {
        return verifierFactory;
    }

    PinnedKeySelector keySelector() {
        return keySelector;
    }

    /** Everything decided before a signature is computed; see the class comment. */
    Admission admit(String compact, KeyLookup keys) {
        if (compact == null || compact.isEmpty()) {
            return refuse(InvalidToken.MALFORMED);
        }
        if (compact.length() > MAX_TOKEN_CHARS) {
            return refuse(InvalidToken.TOO_LARGE);
        }
        String[] parts = compact.split("\\.", -1);
        if (parts.length == 5) {
            return refuse(InvalidToken.ENCRYPTED);
        }
        if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
            return refuse(InvalidToken.MALFORMED);
        }
        for (String part : parts) {
            if (!Base64UrlCanonical.isCanonical(part)) {
                return refuse(InvalidToken.NON_CANONICAL_ENCODING);
            }
        }
        Header header;
        try {
            header = Header.parse(new Base64URL(parts[0]));
        } catch (ParseException | IllegalArgumentException e) {
            return refuse(InvalidToken.MALFORMED);
        }
        return switch (header) {
            case PlainHeader plain -> refuse(InvalidToken.UNSUPPORTED_ALGORITHM);
            case JWEHeader jwe -> refuse(InvalidToken.ENCRYPTED);
            case JWSHeader jws -> admitSigned(parts, jws, keys);
            default -> refuse(InvalidToken.MALFORMED);
        };
    }

    private static Admission admitSigned(String[] parts, JWSHeader header, KeyLookup keys) {
        for (String name : header.getIncludedParams()) {
            if (FORBIDDEN_HEADERS.contains(name)) {
                return refuse(InvalidToken.FORBIDDEN_HEADER);
            }
        }
        if (header.getCriticalParams() != null || header.getIncludedParams().contains("crit")) {
            return refuse(InvalidToken.UNKNOWN_CRITICAL_HEADER);
        }
        Optional<SigningAlgorithm> algorithm = allowed(header.getAlgorithm());
        if (algorithm.isEmpty()) {
            return refuse(InvalidToken.UNSUPPORTED_ALGORITHM);
        }
        Optional<SigningKey> found = keys.find(Optional.ofNullable(header.getKeyID()));
        if (found.isEmpty()) {
            return refuse(header.getKeyID() == null ? InvalidToken.MISSING_KEY_ID : InvalidToken.UNKNOWN_KEY);
        }
        SigningKey key = found.get();
        if (!usableForVerifying(key)) {
            return refuse(InvalidToken.UNKNOWN_KEY);
        }
        if (key.algorithm() != algorithm.get()) {
            return refuse(InvalidToken.ALGORITHM_MISMATCH);
        }
        try {
            return new Admission.Admitted(new SignedJWT(new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2])), key);
        } catch (ParseException e) {
            return refuse(InvalidToken.MALFORMED);
        }
    }

    /** Exact, case-sensitive match (RFC 7515 4.1.1): {@code hs256} or {@code NONE} are not algorithms. */
    private static Optional<SigningAlgorithm> allowed(JWSAlgorithm alg) {
        for (SigningAlgorithm candidate : SigningAlgorithm.values()) {
            if (candidate.jwsName().equals(alg.getName())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A JWK marked for encryption, or for operations other than verify, must not verify signatures. */
    private static boolean usableForVerifying(SigningKey key) {
        JWK jwk = key.jwk();
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            return false;
        }
        if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return false;
        }
        return jwk.getAlgorithm() == null || jwk.getAlgorithm().getName().equals(key.algorithm().jwsName());
    }

    private static Admission refuse(InvalidToken reason) {
        return new Admission.Refused(reason);
    }

    static KeyLookup byKid(VerificationKeys keys) {
        return kid -> {
            if (kid.isEmpty()) {
                return Optional.empty();
            }
            Optional<SigningKey> found;
            try {
                found = keys.find(kid.get());
            } catch (StoreUnavailableException e) {
                // Already "we failed" with its own meaning (503, retry later); wrapping would make it a 500.
                throw e;
            } catch (RuntimeException e) {
                throw new TokenProcessingException("the verification key source failed", e);
            }
            if (found == null) {
                throw new TokenProcessingException("the verification key source answered null instead of empty", null);
            }
            return found;
        };
    }

    private static KeyLookup pinned(SigningKey key) {
        return kid -> kid.isEmpty() || kid.get().equals(key.kid()) ? Optional.of(key) : Optional.empty();
    }

    private Admission admitByKid(String compact, VerificationKeys keys) {
        return admit(compact, byKid(keys));
    }

    /** How admission finds the key for a token's (possibly absent) kid. */
    @FunctionalInterface
    interface KeyLookup {
        Optional<SigningKey> find(Optional<String> kid);
    }
}
