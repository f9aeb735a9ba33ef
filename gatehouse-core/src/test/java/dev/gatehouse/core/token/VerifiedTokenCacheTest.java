package dev.gatehouse.core.token;

import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.VerificationKeys;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static dev.gatehouse.core.token.AccessTokenRoundTripTest.ALICE;
import static dev.gatehouse.core.token.AccessTokenRoundTripTest.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

/** The verified-token cache changes the cost of a verification, never its answer. */
class VerifiedTokenCacheTest {
    private static final Duration LEEWAY = Duration.ofSeconds(30);

    private final MutableClock clock = MutableClock.atFixedStart();
    private final SigningKey key = TestKeys.of(SigningAlgorithm.ES256);
    private final AtomicReference<VerificationKeys> keys = new AtomicReference<>(TestKeys.ring(key));
    private final VerificationKeys switchable = kid -> keys.get().find(kid);
    private final AccessTokenVerifier cached = new AccessTokenVerifier(SETTINGS, switchable, clock, LEEWAY, 100);
    private final AccessTokenVerifier uncached = new AccessTokenVerifier(SETTINGS, switchable, clock, LEEWAY, 0);
    private final AccessTokenIssuer issuer = new AccessTokenIssuer(SETTINGS, clock);

    private void assertSameAnswer(String token) {
        assertThat(cached.verify(token)).isEqualTo(uncached.verify(token));
    }

    @Test
    void aCachedTokenExpiresAtTheSameInstantAsWithoutTheCache() {
        IssuedAccessToken token = issuer.issue(ALICE, key);
        assertThat(cached.verify(token.token())).isInstanceOf(AccessTokenCheck.Valid.class);
        assertThat(cached.cachedTokens()).isEqualTo(1);

        clock.set(token.expiresAt().plus(LEEWAY).minusMillis(1));
        assertThat(cached.verify(token.token())).as("within the leeway past exp").isInstanceOf(AccessTokenCheck.Valid.class);
        assertSameAnswer(token.token());

        clock.advance(Duration.ofMillis(1));
        assertThat(cached.verify(token.token())).isEqualTo(new AccessTokenCheck.Invalid(InvalidToken.EXPIRED));
        assertSameAnswer(token.token());
    }

    @Test
    void aClockSteppedBackBeforeIatGetsTheSameRefusalAsAFullVerification() {
        IssuedAccessToken token = issuer.issue(ALICE, key);
        assertThat(cached.verify(token.token())).isInstanceOf(AccessTokenCheck.Valid.class);
        clock.set(clock.instant().minus(LEEWAY).minusSeconds(1));
        assertThat(cached.verify(token.token())).isEqualTo(new AccessTokenCheck.Invalid(InvalidToken.NOT_YET_VALID));
    }

    @Test
    void aTokenWithAFutureNbfIsServedFromTheCacheOnlyOnceItWouldVerify() {
        Instant now = clock.instant();
        String token = TokenForge.sign(key, h -> h, TokenForge.claims(now, SETTINGS)
                .notBeforeTime(java.util.Date.from(now.plusSeconds(10))).build());
        assertThat(cached.verify(token)).as("nbf within the leeway").isInstanceOf(AccessTokenCheck.Valid.class);
        clock.set(now.minus(LEEWAY));
        assertSameAnswer(token);
        assertThat(cached.verify(token)).isEqualTo(new AccessTokenCheck.Invalid(InvalidToken.NOT_YET_VALID));
    }

    @Test
    void aForgedVariantOfACachedTokenIsRefused() {
        String token = issuer.issue(ALICE, key).token();
        assertThat(cached.verify(token)).isInstanceOf(AccessTokenCheck.Valid.class);

        int signatureStart = token.lastIndexOf('.') + 1;
        char first = token.charAt(signatureStart);
        String otherSignature = token.substring(0, signatureStart) + (first == 'A' ? 'B' : 'A') + token.substring(signatureStart + 1);
        assertThat(cached.verify(otherSignature)).isEqualTo(new AccessTokenCheck.Invalid(InvalidToken.BAD_SIGNATURE));

        String[] parts = token.split("\\.");
        String otherClaims = TokenForge.sign(TestKeys.generate(SigningAlgorithm.ES256, key.kid()), h -> h,
                TokenForge.claims(clock.instant(), SETTINGS).build());
        String spliced = otherClaims.substring(0, otherClaims.lastIndexOf('.') + 1) + parts[2];
        assertThat(cached.verify(spliced)).as("another payload under the cached signature").isEqualTo(
                new AccessTokenCheck.Invalid(InvalidToken.BAD_SIGNATURE));
        assertThat(cached.verify(otherClaims)).as("signed by a key that is not ours, same kid").isEqualTo(
                new AccessTokenCheck.Invalid(InvalidToken.BAD_SIGNATURE));
        assertThat(cached.cachedTokens()).as("refusals are never remembered").isEqualTo(1);
    }

    @Test
    void aTokenWhoseKeyNoLongerVerifiesIsRefusedThoughCached() {
        String token = issuer.issue(ALICE, key).token();
        assertThat(cached.verify(token)).isInstanceOf(AccessTokenCheck.Valid.class);
        keys.set(kid -> Optional.empty());
        assertThat(cached.verify(token)).isEqualTo(new AccessTokenCheck.Invalid(InvalidToken.UNKNOWN_KEY));
        keys.set(TestKeys.ring(TestKeys.generate(SigningAlgorithm.ES256, key.kid())));
        assertThat(cached.verify(token)).as("the kid now names another key").isEqualTo(new AccessTokenCheck.Invalid(InvalidToken.BAD_SIGNATURE));
    }

    @Test
    void theCacheStaysWithinItsBound() {
        AccessTokenVerifier small = new AccessTokenVerifier(SETTINGS, TestKeys.ring(TestKeys.of(SigningAlgorithm.HS256)), clock, LEEWAY, 5);
        for (int i = 0; i < 50; i++) {
            String token = issuer.issue(ALICE, TestKeys.of(SigningAlgorithm.HS256)).token();
            assertThat(small.verify(token)).isInstanceOf(AccessTokenCheck.Valid.class);
            assertThat(small.cachedTokens()).isBetween(1, 5);
        }
    }

    @Test
    void negativeBoundsAreRefusedAtOnce() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AccessTokenVerifier(SETTINGS, switchable, clock, LEEWAY, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
