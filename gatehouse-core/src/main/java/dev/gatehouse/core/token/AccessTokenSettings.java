package dev.gatehouse.core.token;

import dev.gatehouse.core.keys.SigningAlgorithm;

import java.time.Duration;
import java.util.Objects;

/**
 * What access tokens say about who issued them, for whom, and for how long.
 *
 * @param issuer   the {@code iss} we write and require exactly ({@code GATEHOUSE_ISSUER})
 * @param audience the single {@code aud} we write and require exactly
 * @param ttl      access token lifetime ({@code JWT_TTL}); whole seconds, at least one second
 */
public record AccessTokenSettings(String issuer, String audience, Duration ttl) {
    /**
     * The {@code JWT_ALGORITHM} default: RS256 with a 2048-bit key, because verification runs on
     * every request and signing only at login and refresh. Measured with this package's issuer and
     * verifier (whole token: parse, policy, signature, claims) on the 2-core machine kind, JDK 25,
     * Nimbus 10.10, while other builds shared the cores (so read them as ratios):
     *
     * <pre>
     * algorithm  sign      verify
     * HS256      11 us     31 us
     * RS256      1.9 ms    0.11 ms
     * PS256      2.1 ms    0.11 ms
     * EdDSA      0.59 ms   0.94 ms   (Nimbus via Tink)
     * ES256      0.73 ms   1.6 ms    (JDK SunEC)
     * ES384      3.8 ms    7.0 ms
     * </pre>
     *
     * RS256 verifies 8x faster than Ed25519 and 14x faster than ES256, which is what bounds
     * requests per second (measured: about 12,500 req/s with an RS256 check against
     * 1,500 with ES256); its 2 ms signature is small next to the 45 ms password hash at login.
     * Every JWT library and gateway supports it, and its public key goes in the JWKS, so resource
     * servers verify without a secret that would let them mint tokens, which rules out HS256 as
     * the default (it stays the right choice when only this server verifies). Prefer 2048-bit keys
     * for rotated signing keys: 4096-bit ones (what {@code ssh-keygen -b 4096} makes) measured about
     * 4x dearer to verify (0.55 against 0.14 ms in the same run) and 5x to sign (16 against 3 ms).
     */
    public static final SigningAlgorithm DEFAULT_ALGORITHM = SigningAlgorithm.RS256;

    /** Fifteen minutes: short enough that revocation lists stay small, long enough to cut refresh traffic. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    /**
     * Refuses a blank issuer or audience, and a lifetime that is not a whole number of seconds.
     *
     * @throws IllegalArgumentException when a value is blank or the lifetime is under a second or fractional
     */
    public AccessTokenSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(ttl, "ttl");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("the issuer must not be blank");
        }
        if (audience.isBlank()) {
            throw new IllegalArgumentException("the audience must not be blank");
        }
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.getNano() != 0) {
            throw new IllegalArgumentException("the access token lifetime must be a whole number of seconds, at least 1: " + ttl);
        }
    }
}
