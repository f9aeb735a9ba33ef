package dev.gatehouse.core.keys;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.gatehouse.core.internal.keys.HmacSecrets;
import dev.gatehouse.core.spi.KeyState;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A rotation timeline on a fake clock: publish, sign, overlap, retire. Nothing sleeps. */
class KeyRingRotationTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration TTL = Duration.ofMinutes(15);
    private final KeyRotationPolicy policy = KeyRotationPolicy.every(HOUR, TTL);
    private final MutableClock clock = MutableClock.atFixedStart();
    private final Supplier<SigningKey> newKeys = () -> KeyGenerator.generate(SigningAlgorithm.ES256);

    @Test
    void theNextKeyIsPublishedButNeitherSignsNorVerifies() {
        KeyRing ring = KeyRing.start(policy, clock.instant(), newKeys);
        SigningKey active = ring.signingKey();
        SigningKey next = ring.nextKey().orElseThrow();

        assertThat(kids(ring.publishedKeys())).containsExactlyInAnyOrder(active.kid(), next.kid());
        assertThat(ring.verificationKeys().find(active.kid())).contains(active);
        assertThat(ring.verificationKeys().find(next.kid())).isEmpty();
        assertThat(ring.verificationKeys(clock.instant()).find(next.kid())).isEmpty();
        assertThat(ring.verificationKeys().find("unknown")).isEmpty();
        assertThat(ring.publishedKeys()).allSatisfy(k -> assertThat(k.jwk().isPrivate()).isFalse());
    }

    @Test
    void rotatesEveryIntervalAndRetiresAfterTheLastTokenExpired() {
        KeyRing ring = KeyRing.start(policy, clock.instant(), newKeys);
        SigningKey first = ring.signingKey();
        SigningKey second = ring.nextKey().orElseThrow();

        clock.advance(HOUR.minusSeconds(1));
        assertThat(ring.rotate(clock.instant(), newKeys)).isSameAs(ring);
        Instant lastTokenFromFirst = clock.instant();

        clock.advance(Duration.ofSeconds(1));
        ring = ring.rotate(clock.instant(), newKeys);
        assertThat(ring.signingKey()).isEqualTo(second);
        SigningKey third = ring.nextKey().orElseThrow();
        assertThat(kids(ring.publishedKeys())).containsExactlyInAnyOrder(first.kid(), second.kid(), third.kid());
        assertThat(ring.keys()).extracting(RingKey::state).containsExactlyInAnyOrder(KeyState.RETIRED, KeyState.ACTIVE, KeyState.NEXT);

        // A token the first key signed a second before the rotation verifies until its exp plus leeway.
        Instant lastExpiry = lastTokenFromFirst.plus(TTL).plus(KeyRotationPolicy.MAX_LEEWAY);
        clock.set(lastExpiry.minusMillis(1));
        ring = ring.rotate(clock.instant(), newKeys);
        assertThat(ring.verificationKeys(clock.instant()).find(first.kid())).contains(first);

        clock.set(lastExpiry.plusSeconds(1));
        ring = ring.rotate(clock.instant(), newKeys);
        assertThat(ring.verificationKeys().find(first.kid())).isEmpty();
        assertThat(kids(ring.publishedKeys())).containsExactlyInAnyOrder(second.kid(), third.kid());

        clock.set(Instant.parse("2026-01-01T02:00:00Z"));
        ring = ring.rotate(clock.instant(), newKeys);
        assertThat(ring.signingKey()).isEqualTo(third);
    }

    @Test
    void aRingThatMissedRotationsCatchesUpOneStepAndNeverSignsWithAnUnpublishedKey() {
        KeyRing ring = KeyRing.fixed(KeyGenerator.generate(SigningAlgorithm.ES256), policy, clock.instant());

        clock.advance(Duration.ofDays(3));
        KeyRing published = ring.rotate(clock.instant(), newKeys);
        SigningKey next = published.nextKey().orElseThrow();
        assertThat(published.signingKey()).isEqualTo(ring.signingKey());

        clock.advance(policy.jwksCacheLifetime().minusSeconds(1));
        assertThat(published.rotate(clock.instant(), newKeys)).isSameAs(published);
        assertThat(published.nextChangeAt()).contains(clock.instant().plusSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(published.rotate(clock.instant(), newKeys).signingKey()).isEqualTo(next);
    }

    @Test
    void withoutRotationTheKeyStaysAndNothingIsAdded() {
        KeyRotationPolicy none = KeyRotationPolicy.none(TTL);
        KeyRing ring = KeyRing.fixed(HmacSecrets.fromText(SigningAlgorithm.HS256, "x".repeat(32)), none, clock.instant());

        clock.advance(Duration.ofDays(400));

        assertThat(ring.rotate(clock.instant(), newKeys)).isSameAs(ring);
        assertThat(ring.nextChangeAt()).isEmpty();
        assertThat(none.jwksCacheLifetime()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void hmacKeysRotateByKidButAreNeverPublished() {
        KeyRing ring = KeyRing.start(policy, clock.instant(), () -> KeyGenerator.generate(SigningAlgorithm.HS256));
        SigningKey first = ring.signingKey();

        clock.advance(HOUR);
        ring = ring.rotate(clock.instant(), () -> KeyGenerator.generate(SigningAlgorithm.HS256));

        assertThat(ring.publishedKeys()).isEmpty();
        assertThat(ring.signingKey()).isNotEqualTo(first);
        assertThat(ring.verificationKeys().find(first.kid())).contains(first);
    }

    @Test
    void jwksCacheLifetimeIsAQuarterIntervalCappedAtAnHour() {
        assertThat(KeyRotationPolicy.every(HOUR, TTL).jwksCacheLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(KeyRotationPolicy.every(Duration.ofDays(30), TTL).jwksCacheLifetime()).isEqualTo(HOUR);
        assertThat(KeyRotationPolicy.every(HOUR, TTL).jwksCacheControl()).isEqualTo("public, max-age=900");
        assertThatThrownBy(() -> new KeyRotationPolicy(HOUR, TTL, Duration.ofSeconds(61))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyRotationPolicy.every(Duration.ofSeconds(30), TTL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedRingIsRefused() {
        SigningKey a = KeyGenerator.generate(SigningAlgorithm.EDDSA);
        Instant now = clock.instant();

        assertThatThrownBy(() -> KeyRing.of(List.of(), policy)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyRing.of(List.of(new RingKey(a, KeyState.ACTIVE, now, now), new RingKey(a, KeyState.NEXT, now, now)), policy))
                .hasMessageContaining("share kid");
        SigningKey publicOnly = SigningKeys.fromJwk(a.jwk().toPublicJWK(), SigningAlgorithm.EDDSA);
        assertThatThrownBy(() -> KeyRing.fixed(publicOnly, policy, now)).hasMessageContaining("no private part");
    }

    /**
     * Verifier threads sign a token with whatever key is active and look its kid up at once, while
     * another thread advances the clock and rotates as fast as it can. A token still inside its
     * lifetime must always find its key.
     */
    @Test
    void concurrentVerificationNeverFailsWhileRotating() throws Exception {
        Supplier<SigningKey> hmacKeys = () -> KeyGenerator.generate(SigningAlgorithm.HS256);
        AtomicReference<KeyRing> current = new AtomicReference<>(KeyRing.start(policy, clock.instant(), hmacKeys));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger verified = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch started = new CountDownLatch(threads);
        try {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    started.countDown();
                    while (running.get()) {
                        Instant issuedAt = clock.instant();
                        SigningKey signer = current.get().signingKey();
                        JWSObject token = sign(signer);
                        // The ring first, then the time, as KeyRotator.find does: a time read before a
                        // newer ring would ask that ring about a moment it has already moved past.
                        KeyRing ring = current.get();
                        Instant now = clock.instant();
                        var found = ring.verificationKeys(now).find(token.getHeader().getKeyID());
                        boolean alive = now.isBefore(issuedAt.plus(TTL));
                        if (alive && (found.isEmpty() || !verifies(token, found.get()))) {
                            failures.add("kid " + signer.kid() + " issued " + issuedAt + " refused at " + now);
                        }
                        verified.incrementAndGet();
                    }
                    return null;
                });
            }
            started.await();
            Future<?> rotator = pool.submit(() -> {
                // Keep rotating until the verifiers have had a fair share of the interleavings.
                for (int step = 0; step < 1_000 || verified.get() < 3_000; step++) {
                    clock.advance(Duration.ofMinutes(1));
                    current.set(current.get().rotate(clock.instant(), hmacKeys));
                }
                return null;
            });
            rotator.get(20, TimeUnit.SECONDS);
        } finally {
            running.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failures).isEmpty();
        assertThat(verified.get()).isGreaterThanOrEqualTo(3_000);
        assertThat(current.get().keys()).hasSizeLessThanOrEqualTo(3);
    }

    private static JWSObject sign(SigningKey key) {
        try {
            JWSObject token = new JWSObject(new JWSHeader.Builder(key.algorithm().jws()).keyID(key.kid()).build(), new Payload("{}"));
            token.sign(new MACSigner((OctetSequenceKey) key.jwk()));
            return token;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean verifies(JWSObject token, SigningKey key) {
        try {
            return token.verify(new MACVerifier((OctetSequenceKey) key.jwk()));
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> kids(List<SigningKey> keys) {
        return keys.stream().map(SigningKey::kid).toList();
    }
}
