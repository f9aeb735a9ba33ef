package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.VerificationKeys;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

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
 *
 * <p>Successes are remembered in a bounded {@link VerifiedTokenCache}, so a token presented again
 * skips the signature; the cache serves a token only when a full verification would accept it at
 * that instant, so it changes the cost, never the answer.
 */
public final class AccessTokenVerifier {
    /** The largest clock skew tolerated: beyond a minute, clocks are broken, not skewed. */
    public static final Duration MAX_LEEWAY = Duration.ofSeconds(60);
    /** Default skew tolerance between the issuing and the verifying server. */
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);
    /**
     * Default bound of the verified-token cache: at most this many tokens (about 1 KiB each) are
     * remembered, enough for the live tokens of a busy instance's recent callers.
     */
    public static final int DEFAULT_CACHE_ENTRIES = 10_000;

    private final VerificationKeys keys;
    private final JwsSignatureCheck jws = new JwsSignatureCheck();
    private final DefaultJWTProcessor<KeyContext> processor = new DefaultJWTProcessor<>();
    private final Optional<VerifiedTokenCache> cache;

    /**
     * A verifier with {@link #DEFAULT_LEEWAY} and a cache of {@link #DEFAULT_CACHE_ENTRIES}.
     *
     * @param settings the issuer, audience and lifetime tokens must carry
     * @param keys finds the key a token's kid names
     * @param clock the time expiry is judged at
     */
    public AccessTokenVerifier(AccessTokenSettings settings, VerificationKeys keys, Clock clock) {
        this(settings, keys, clock, DEFAULT_LEEWAY);
    }

    /**
     * A verifier with a cache of {@link #DEFAULT_CACHE_ENTRIES}.
     *
     * @param settings the issuer, audience and lifetime tokens must carry
     * @param keys finds the key a token's kid names
     * @param clock the time expiry is judged at
     * @param leeway clock skew tolerated on exp, nbf and iat; 0 to 60 seconds
     */
    public AccessTokenVerifier(AccessTokenSettings settings, VerificationKeys keys, Clock clock, Duration leeway) {
        this(settings, keys, clock, leeway, DEFAULT_CACHE_ENTRIES);
    }

    /**
     * A verifier with its own leeway and cache size.
     *
     * @param settings     the issuer, audience and lifetime tokens must carry
     * @param keys         finds the key a token's kid names
     * @param clock        the time expiry is judged at
     * @param leeway       clock skew tolerated on exp, nbf and iat; 0 to 60 seconds
     * @param cacheEntries how many verified tokens to remember (see {@link VerifiedTokenCache}); 0 for none
     * @throws IllegalArgumentException when the leeway is outside 0 to 60 seconds or {@code cacheEntries} negative
     */
    public AccessTokenVerifier(AccessTokenSettings settings, VerificationKeys keys, Clock clock, Duration leeway, int cacheEntries) {
        this(settings, keys, clock, leeway, cacheEntries, false);
    }

    /**
     * A verifier for Gatehouse's own OpenID endpoints ({@code /userinfo}): besides the tokens of
     * the resource servers' audience, it accepts those Gatehouse issued to third-party apps, whose
     * audience is the issuer itself (see {@link AccessTokenIssuer#issueForClient(dev.gatehouse.core.user.User,
     * dev.gatehouse.core.client.ClientGrant, SigningKey, Optional, Duration, boolean)}). Every other
     * verifier refuses them, so an app a user allowed to know who they are cannot pass for them
     * at the apps behind Gatehouse.
     *
     * @param settings the issuer, audience and lifetime tokens must carry
     * @param keys     finds the key a token's kid names
     * @param clock    the time expiry is judged at
     * @return the verifier, with {@link #DEFAULT_LEEWAY} and a cache of {@link #DEFAULT_CACHE_ENTRIES}
     */
    public static AccessTokenVerifier forOwnEndpoints(AccessTokenSettings settings, VerificationKeys keys, Clock clock) {
        return new AccessTokenVerifier(settings, keys, clock, DEFAULT_LEEWAY, DEFAULT_CACHE_ENTRIES, true);
    }

    private AccessTokenVerifier(AccessTokenSettings settings, VerificationKeys keys, Clock clock, Duration leeway, int cacheEntries,
                                boolean issuerAudience) {
        Objects.requireNonNull(settings, "settings");
        this.keys = Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(leeway, "leeway");
        if (leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
            throw new IllegalArgumentException("the leeway must be between 0 and 60 seconds: " + leeway);
        }
        if (cacheEntries < 0) {
            throw new IllegalArgumentException("cacheEntries must not be negative: " + cacheEntries);
        }
        this.cache = cacheEntries == 0 ? Optional.empty() : Optional.of(new VerifiedTokenCache(cacheEntries, clock, leeway));
        processor.setJWSKeySelector(jws.keySelector());
        processor.setJWSVerifierFactory(jws.verifierFactory());
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                new JOSEObjectType(AccessTokenClaimNames.TYPE), new JOSEObjectType("application/" + AccessTokenClaimNames.TYPE)));
        processor.setJWTClaimsSetVerifier(new AccessTokenClaimsPolicy(settings, clock, leeway, issuerAudience));
    }

    /**
     * Verifies a bearer token.
     *
     * @param token the compact JWS as presented; null is malformed
     * @return the verified claims, or why the token is refused
     * @throws dev.gatehouse.core.spi.StoreUnavailableException when the key source's store cannot be
     *         reached (fail closed: answer 503, never accept)
     * @throws TokenProcessingException when we, not the token, failed in any other way
     */
    public AccessTokenCheck verify(String token) {
        if (cache.isEmpty() || token == null) {
            return verifyFully(token, Optional.empty());
        }
        String key = VerifiedTokenCache.keyOf(token);
        Optional<AccessTokenClaims> cached = cache.get().find(key, JwsSignatureCheck.byKid(keys));
        if (cached.isPresent()) {
            return new AccessTokenCheck.Valid(cached.get());
        }
        return verifyFully(token, Optional.of(key));
    }

    /** Verifies without the cache; a success is remembered under {@code cacheKey} when present. */
    private AccessTokenCheck verifyFully(String token, Optional<String> cacheKey) {
        return switch (jws.admit(token, JwsSignatureCheck.byKid(keys))) {
            case Admission.Refused refused -> new AccessTokenCheck.Invalid(refused.reason());
            case Admission.Admitted admitted -> process(admitted, cacheKey);
        };
    }

    private AccessTokenCheck process(Admission.Admitted admitted, Optional<String> cacheKey) {
        if (!isAccessTokenType(admitted.jws().getHeader().getType())) {
            return new AccessTokenCheck.Invalid(InvalidToken.WRONG_TYPE);
        }
        try {
            JWTClaimsSet claims = processor.process(admitted.jws(), new KeyContext(admitted.key()));
            AccessTokenClaims verified = AccessTokenClaimsPolicy.toClaims(claims);
            cacheKey.ifPresent(key -> cache.orElseThrow().remember(key, new VerifiedTokenCache.Verified(verified, admitted.key(),
                    Optional.ofNullable(claims.getNotBeforeTime()).map(Date::toInstant))));
            return new AccessTokenCheck.Valid(verified);
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

    /** How many verified tokens are remembered now (for tests and metrics). */
    int cachedTokens() {
        return cache.map(VerifiedTokenCache::size).orElse(0);
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
