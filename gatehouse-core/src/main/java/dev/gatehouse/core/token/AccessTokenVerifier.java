package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.core.keys.VerificationKeys;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Verifies access tokens, strictly. First the admission of {@link JwsSignatureCheck} (size,
 * canonical encoding, no JWE or {@code none}, no key-carrying or critical headers, a kid naming a
 * known key whose one algorithm the header uses), then {@code typ} must be {@code at+jwt} (RFC
 * 9068; {@code application/at+jwt} too), so a refresh or ID token is never taken for an access
 * token. Then Nimbus' {@link DefaultJWTProcessor} verifies the signature with that key only and
 * runs the claim rules: exp, nbf, iat against the injected clock with a leeway of 0 to 60 seconds;
 * iss exactly; aud exactly our single audience; sub a UUID; jti and role present.
 *
 * <p>A bad token is a value ({@link AccessTokenCheck.Invalid}); a failure on our side (the key
 * source threw, a configured key is unusable) is a {@link TokenProcessingException}. Thread-safe.
 */
public final class AccessTokenVerifier {
    /** The largest clock skew tolerated: beyond a minute, clocks are broken, not skewed. */
    public static final Duration MAX_LEEWAY = Duration.ofSeconds(60);
    /** Default skew tolerance between the issuing and the verifying server. */
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);

    private final VerificationKeys keys;
    private final JwsSignatureCheck jws = new JwsSignatureCheck();
    private final DefaultJWTProcessor<KeyContext> processor = new DefaultJWTProcessor<>();

    /** A verifier with {@link #DEFAULT_LEEWAY}. */
    public AccessTokenVerifier(AccessTokenSettings settings, VerificationKeys keys, Clock clock) {
        this(settings, keys, clock, DEFAULT_LEEWAY);
    }

    /**
     * @param leeway clock skew tolerated on exp, nbf and iat; 0 to 60 seconds
     */
    public AccessTokenVerifier(AccessTokenSettings settings, VerificationKeys keys, Clock clock, Duration leeway) {
        Objects.requireNonNull(settings, "settings");
        this.keys = Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(leeway, "leeway");
        if (leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
            throw new IllegalArgumentException("the leeway must be between 0 and 60 seconds: " + leeway);
        }
        processor.setJWSKeySelector(jws.keySelector());
        processor.setJWSVerifierFactory(jws.verifierFactory());
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                new JOSEObjectType(AccessTokenClaimNames.TYPE), new JOSEObjectType("application/" + AccessTokenClaimNames.TYPE)));
        processor.setJWTClaimsSetVerifier(new AccessTokenClaimsPolicy(settings, clock, leeway));
    }

    /**
     * Verifies a bearer token.
     *
     * @throws dev.gatehouse.core.support.StoreUnavailableException when the key source's store cannot be
     *         reached (fail closed: answer 503, never accept)
     * @throws TokenProcessingException when we, not the token, failed in any other way
     */
    public AccessTokenCheck verify(String token) {
        return switch (jws.admit(token, JwsSignatureCheck.byKid(keys))) {
            case Admission.Refused refused -> new AccessTokenCheck.Invalid(refused.reason());
            case Admission.Admitted admitted -> process(admitted);
        };
    }

    private AccessTokenCheck process(Admission.Admitted admitted) {
        if (!isAccessTokenType(admitted.jws().getHeader().getType())) {
            return new AccessTokenCheck.Invalid(InvalidToken.WRONG_TYPE);
        }
        try {
            JWTClaimsSet claims = processor.process(admitted.jws(), new KeyContext(admitted.key()));
            return new AccessTokenCheck.Valid(AccessTokenClaimsPolicy.toClaims(claims));
        } catch (ClaimsRejected e) {
            return new AccessTokenCheck.Invalid(e.reason());
        } catch (BadJWSException e) {
            return new AccessTokenCheck.Invalid(InvalidToken.BAD_SIGNATURE);
        } catch (BadJWTException e) {
            // Nimbus could not read the payload as a claims set.
            return new AccessTokenCheck.Invalid(InvalidToken.MALFORMED);
        } catch (BadJOSEException e) {
            // Only the selector's and type verifier's defensive re-checks can end here.
            return new AccessTokenCheck.Invalid(InvalidToken.ALGORITHM_MISMATCH);
        } catch (JOSEException e) {
            throw new TokenProcessingException("could not verify an access token", e);
        }
    }

    /** RFC 7515 4.1.9: media types compare case-insensitively and may omit "application/". */
    private static boolean isAccessTokenType(JOSEObjectType type) {
        if (type == null) {
            return false;
        }
        String value = type.getType();
        return value.equalsIgnoreCase(AccessTokenClaimNames.TYPE) || value.equalsIgnoreCase("application/" + AccessTokenClaimNames.TYPE);
    }
}
