package dev.gatehouse.core.keys;

import java.time.Duration;
import java.util.Objects;

/**
 * How often keys rotate and how long each stage of a key's life must last so that no valid token
 * is ever refused during a rotation:
 * <ul>
 *   <li>a new key is published (NEXT) at least {@link #jwksCacheLifetime()} before it signs, so a
 *       resource server with a cached JWKS already knows it when the first token arrives;</li>
 *   <li>an old key keeps verifying for {@link #verifyWindow()} (token lifetime + leeway) after it
 *       stopped signing, so every token it signed has expired before it leaves.</li>
 * </ul>
 *
 * @param rotateInterval how long a key signs ({@code JWT_ROTATE_INTERVAL}); zero turns rotation off
 * @param tokenTtl       the lifetime of the tokens the keys sign ({@code JWT_TTL})
 * @param leeway         clock skew verifiers allow on exp/nbf/iat; at most 60 s
 */
public record KeyRotationPolicy(Duration rotateInterval, Duration tokenTtl, Duration leeway) {
    /** The largest clock-skew allowance verifiers may use. */
    public static final Duration MAX_LEEWAY = Duration.ofSeconds(60);
    /** Upper bound on the JWKS cache lifetime: a key change should reach every cache within the hour. */
    public static final Duration MAX_JWKS_CACHE = Duration.ofHours(1);
    /**
     * Cache lifetime when keys do not rotate. Keys then change only when an operator replaces the key
     * files and restarts, which cannot pre-publish; a short lifetime bounds how long caches lag.
     */
    public static final Duration STATIC_JWKS_CACHE = Duration.ofMinutes(10);

    /**
     * Refuses durations that would let a rotation refuse a valid token.
     *
     * @throws IllegalArgumentException when the interval is negative or under a minute (but not zero), the
     *         token lifetime is not positive, or the leeway is outside 0 to 60 seconds
     */
    public KeyRotationPolicy {
        Objects.requireNonNull(rotateInterval, "rotateInterval");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(leeway, "leeway");
        if (rotateInterval.isNegative()) {
            throw new IllegalArgumentException("the rotation interval cannot be negative");
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("the token lifetime must be positive");
        }
        if (leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
            throw new IllegalArgumentException("the leeway must be between 0 and 60 s");
        }
        if (!rotateInterval.isZero() && rotateInterval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("a rotation interval under one minute would outrun every JWKS cache");
        }
    }

    /**
     * No rotation: the configured key signs until it is replaced by hand.
     *
     * @param tokenTtl the lifetime of the tokens the key signs
     * @return the policy
     */
    public static KeyRotationPolicy none(Duration tokenTtl) {
        return new KeyRotationPolicy(Duration.ZERO, tokenTtl, MAX_LEEWAY);
    }

    /**
     * Rotation every {@code interval} with the maximum leeway.
     *
     * @param interval how long each key signs; at least a minute
     * @param tokenTtl the lifetime of the tokens the keys sign
     * @return the policy
     */
    public static KeyRotationPolicy every(Duration interval, Duration tokenTtl) {
        return new KeyRotationPolicy(interval, tokenTtl, MAX_LEEWAY);
    }

    /**
     * Whether keys rotate at all.
     *
     * @return true unless the interval is zero
     */
    public boolean rotates() {
        return !rotateInterval.isZero();
    }

    /**
     * How long a key keeps verifying after it stopped signing: the last token's lifetime plus leeway.
     *
     * @return the token lifetime plus the leeway
     */
    public Duration verifyWindow() {
        return tokenTtl.plus(leeway);
    }

    /**
     * The {@code max-age} for the JWKS response: a quarter of the rotation interval, at most one
     * hour. A NEXT key is published a whole interval before it signs, so caches refresh at least
     * four times in between.
     *
     * @return the lifetime; {@link #STATIC_JWKS_CACHE} when keys do not rotate
     */
    public Duration jwksCacheLifetime() {
        if (!rotates()) {
            return STATIC_JWKS_CACHE;
        }
        Duration quarter = rotateInterval.dividedBy(4);
        return quarter.compareTo(MAX_JWKS_CACHE) < 0 ? quarter : MAX_JWKS_CACHE;
    }

    /**
     * A {@code Cache-Control} value for the JWKS endpoint.
     *
     * @return {@code public, max-age=} and the lifetime in seconds
     */
    public String jwksCacheControl() {
        return "public, max-age=" + jwksCacheLifetime().toSeconds();
    }
}
