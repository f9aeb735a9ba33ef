package dev.gatehouse.bench.jmh;

import dev.gatehouse.core.keys.KeyGenerator;
import dev.gatehouse.core.keys.KeyRing;
import dev.gatehouse.core.keys.KeyRotationPolicy;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.token.AccessTokenCheck;
import dev.gatehouse.core.token.AccessTokenIssuer;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.core.token.AccessTokenVerifier;
import dev.gatehouse.core.token.IssuedAccessToken;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Access-token signing and verification for every {@link SigningAlgorithm}, through the same
 * issuer and verifier the server uses, with keys from {@link KeyGenerator} (RSA 2048) and the
 * verification keys of a fixed key ring (public halves only). Verification is of one token issued
 * at setup; its 15-minute lifetime outlasts any sensible run.
 */
@State(Scope.Benchmark)
public class TokenBenchmark {
    @Param
    public SigningAlgorithm algorithm;

    private AccessTokenIssuer issuer;
    private AccessTokenVerifier verifier;
    private SigningKey key;
    private User user;
    private String token;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        AccessTokenSettings settings = new AccessTokenSettings("https://auth.example.com", "https://app.example.com",
                AccessTokenSettings.DEFAULT_TTL);
        key = KeyGenerator.generate(algorithm);
        KeyRing ring = KeyRing.fixed(key, KeyRotationPolicy.none(settings.ttl()), now);
        issuer = new AccessTokenIssuer(settings, clock);
        verifier = new AccessTokenVerifier(settings, ring.verificationKeys(), clock);
        user = new User(UUID.randomUUID(), Optional.of("alice@example.com"), Optional.of("alice"), Optional.of("Alice"),
                Optional.of("Liddell"), Optional.of("Alice Liddell"), Role.COMMON, "unused", now, now);
        token = issuer.issue(user, key).token();
    }

    @Benchmark
    public IssuedAccessToken sign() {
        return issuer.issue(user, key);
    }

    @Benchmark
    public AccessTokenCheck verify() {
        return verifier.verify(token);
    }
}
