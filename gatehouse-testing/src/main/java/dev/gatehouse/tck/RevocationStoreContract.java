package dev.gatehouse.tck;

import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link RevocationStore} must do. A store's test extends this class and says how to
 * make a fresh, empty store. Time comes from a {@link MutableClock}; an instant equal to a
 * revocation's expiry is already past it.
 */
public abstract class RevocationStoreContract {
    private static final Duration MS = Duration.ofMillis(1);

    /** The fake clock that times are taken from. */
    protected final MutableClock clock = MutableClock.atFixedStart();

    /** The store under test, fresh for each test. */
    protected RevocationStore store;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public RevocationStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return a revocation store holding nothing, not shared with any other test
     */
    protected abstract RevocationStore newStore();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @Test
    void anUnknownJtiIsNotRevoked() {
        store.revokeJti("other", clock.instant().plusSeconds(60));

        assertThat(store.isJtiRevoked("jti-1", clock.instant())).isFalse();
    }

    @Test
    void aRevokedJtiStaysRevokedUntilAnInstantEqualToItsExpiry() {
        Instant expiry = clock.instant().plus(Duration.ofMinutes(15));
        store.revokeJti("jti-1", expiry);

        assertThat(store.isJtiRevoked("jti-1", clock.instant())).isTrue();
        assertThat(store.isJtiRevoked("jti-1", expiry.minus(MS))).isTrue();
        assertThat(store.isJtiRevoked("jti-1", expiry)).isFalse();
    }

    @Test
    void jtisAreComparedExactly() {
        store.revokeJti("AbC-123", clock.instant().plusSeconds(60));

        assertThat(store.isJtiRevoked("AbC-123", clock.instant())).isTrue();
        assertThat(store.isJtiRevoked("abc-123", clock.instant())).isFalse();
        assertThat(store.isJtiRevoked("AbC-12", clock.instant())).isFalse();
        assertThat(store.isJtiRevoked("AbC-123 ", clock.instant())).isFalse();
    }

    @Test
    void revokingAgainLengthensButNeverShortens() {
        Instant t0 = clock.instant();
        store.revokeJti("jti-1", t0.plus(Duration.ofMinutes(10)));
        store.revokeJti("jti-1", t0.plus(Duration.ofMinutes(5)));

        assertThat(store.isJtiRevoked("jti-1", t0.plus(Duration.ofMinutes(10)).minus(MS))).isTrue();

        store.revokeJti("jti-1", t0.plus(Duration.ofMinutes(20)));
        assertThat(store.isJtiRevoked("jti-1", t0.plus(Duration.ofMinutes(20)).minus(MS))).isTrue();
        assertThat(store.isJtiRevoked("jti-1", t0.plus(Duration.ofMinutes(20)))).isFalse();
    }

    @Test
    void deleteExpiredPurgesAtExactBoundaries() {
        Instant t0 = clock.instant();
        store.revokeJti("a", t0.plus(Duration.ofMinutes(3)));
        store.revokeJti("b", t0.plus(Duration.ofMinutes(3)));
        store.revokeJti("c", t0.plus(Duration.ofMinutes(7)));

        assertThat(store.deleteExpired(t0.plus(Duration.ofMinutes(3)).minus(MS))).isZero();
        assertThat(store.deleteExpired(t0.plus(Duration.ofMinutes(3)))).isEqualTo(2);
        assertThat(store.isJtiRevoked("c", t0.plus(Duration.ofMinutes(3)))).isTrue();
        assertThat(store.deleteExpired(t0.plus(Duration.ofMinutes(7)))).isEqualTo(1);
        assertThat(store.deleteExpired(t0.plus(Duration.ofMinutes(7)))).isZero();
    }

    @Test
    void aJtiRevokedAgainAfterPurgingIsRevokedAgain() {
        Instant t0 = clock.instant();
        store.revokeJti("jti-1", t0.plusSeconds(1));
        store.deleteExpired(t0.plusSeconds(1));

        store.revokeJti("jti-1", t0.plusSeconds(60));

        assertThat(store.isJtiRevoked("jti-1", t0.plusSeconds(30))).isTrue();
    }

    @Test
    void deleteExpiredOfAnEmptyStoreIsZero() {
        assertThat(store.deleteExpired(clock.instant())).isZero();
    }

    @Test
    void aUserWithoutNotBeforeHasNone() {
        store.setUserNotBefore(UUID.randomUUID(), clock.instant());

        assertThat(store.userNotBefore(UUID.randomUUID())).isEmpty();
    }

    @Test
    void userNotBeforeRoundTripsAtMillisecondPrecision() {
        UUID user = UUID.randomUUID();
        Instant instant = Instant.parse("2026-03-04T05:06:07.891Z");

        store.setUserNotBefore(user, instant);

        assertThat(store.userNotBefore(user)).contains(instant);
    }

    @Test
    void userNotBeforeOnlyMovesForward() {
        UUID user = UUID.randomUUID();
        Instant t0 = clock.instant();
        store.setUserNotBefore(user, t0.plusSeconds(10));

        store.setUserNotBefore(user, t0.plusSeconds(5));
        assertThat(store.userNotBefore(user)).contains(t0.plusSeconds(10));

        store.setUserNotBefore(user, t0.plusSeconds(10).plus(MS));
        assertThat(store.userNotBefore(user)).contains(t0.plusSeconds(10).plus(MS));
    }

    @Test
    void notBeforeTimesArePerUserAndOutliveDeleteExpired() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Instant t0 = clock.instant();
        store.setUserNotBefore(alice, t0);
        store.setUserNotBefore(bob, t0.plusSeconds(1));

        assertThat(store.deleteExpired(t0.plus(Duration.ofDays(365)))).isZero();

        assertThat(store.userNotBefore(alice)).contains(t0);
        assertThat(store.userNotBefore(bob)).contains(t0.plusSeconds(1));
    }
}
