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
     * The default signing algorithm: RS256 with a 2048-bit key. Verification runs on every request
     * and signing only at sign-in and refresh, and RS256 verifies several times faster than EdDSA
     * and ES256 (measured in docs/TOKENS.md). Every JWT library and gateway supports it, and its
     * public key goes in the JWKS, so resource servers verify without a secret that would let them
     * mint tokens: that rules out HS256 as the default (it stays right when only this server verifies).
     */
    public static final SigningAlgorithm DEFAULT_ALGORITHM = SigningAlgorithm.RS256;

    /** Fifteen minutes: short enough that revocation lists stay small, long enough to cut refresh traffic. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    /**
     * Refuses a blank issuer or audience, an audience equal to the issuer, and a lifetime that is
     * not a whole number of seconds. The issuer is the audience of the tokens third-party OpenID
     * clients get, which only Gatehouse's own endpoints take; were it also the resource servers'
     * audience, such a token would open every app behind Gatehouse.
     *
     * @throws IllegalArgumentException when a value is blank, the audience is the issuer, or the lifetime is under a second or fractional
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
        if (audience.equals(issuer)) {
            throw new IllegalArgumentException("the audience must not be the issuer, which is the audience of third-party apps' tokens");
        }
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.getNano() != 0) {
            throw new IllegalArgumentException("the access token lifetime must be a whole number of seconds, at least 1: " + ttl);
        }
    }
}
