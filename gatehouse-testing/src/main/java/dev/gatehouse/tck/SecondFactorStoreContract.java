package dev.gatehouse.tck;

import dev.gatehouse.core.factor.TotpFactor;
import dev.gatehouse.core.spi.SecondFactorStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link SecondFactorStore} must do: an enrolment under way is replaced but a confirmed
 * app is not, a code's step is accepted once however many ask at once, and a recovery code is
 * used up by its first use.
 */
public abstract class SecondFactorStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The store under test, fresh for each test. */
    protected SecondFactorStore store;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public SecondFactorStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return a store holding nothing, not shared with any other test
     */
    protected abstract SecondFactorStore newStore();

    /**
     * A user the store may keep factors of: a stored user where the store knows users.
     *
     * @return the user's id
     */
    protected abstract UUID existingUser();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    private static TotpFactor pending(UUID user, String sealed) {
        return new TotpFactor(user, sealed, false, OptionalLong.empty(), T0);
    }

    @Test
    void anEnrolmentUnderWayIsReplacedAndAConfirmedAppIsNot() {
        UUID ada = existingUser();
        assertThat(store.findTotp(ada)).isEmpty();

        assertThat(store.savePendingTotp(pending(ada, "first"))).isTrue();
        assertThat(store.savePendingTotp(pending(ada, "second"))).isTrue();
        assertThat(store.findTotp(ada)).hasValue(pending(ada, "second"));

        assertThat(store.confirmTotp(ada, 100)).isTrue();
        assertThat(store.confirmTotp(ada, 101)).as("confirmed once").isFalse();
        assertThat(store.findTotp(ada)).hasValue(new TotpFactor(ada, "second", true, OptionalLong.of(100), T0));
        assertThat(store.savePendingTotp(pending(ada, "third"))).isFalse();
        assertThat(store.findTotp(ada).orElseThrow().sealedSecret()).isEqualTo("second");

        assertThat(store.deleteTotp(ada)).isTrue();
        assertThat(store.deleteTotp(ada)).isFalse();
        assertThat(store.savePendingTotp(pending(ada, "fourth"))).isTrue();
        assertThatThrownBy(() -> store.savePendingTotp(new TotpFactor(ada, "x", true, OptionalLong.of(1), T0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStepIsAcceptedOnlyFromTheStepAsItWasRead() {
        UUID ada = existingUser();
        store.savePendingTotp(pending(ada, "sealed"));
        assertThat(store.acceptTotpStep(ada, OptionalLong.empty(), 5)).as("not confirmed yet").isFalse();
        store.confirmTotp(ada, 100);

        assertThat(store.acceptTotpStep(ada, OptionalLong.of(99), 101)).isFalse();
        assertThat(store.acceptTotpStep(ada, OptionalLong.of(100), 101)).isTrue();
        assertThat(store.acceptTotpStep(ada, OptionalLong.of(100), 101)).as("the same code again").isFalse();
        assertThat(store.findTotp(ada).orElseThrow().lastAcceptedStep()).hasValue(101);
        assertThat(store.acceptTotpStep(existingUser(), OptionalLong.empty(), 1)).as("a user without an app").isFalse();
    }

    @Test
    void ofManyRequestsWithOneCodeExactlyOnePasses() throws Exception {
        UUID ada = existingUser();
        store.savePendingTotp(pending(ada, "sealed"));
        store.confirmTotp(ada, 100);
        assertThat(Races.successes(attempt -> store.acceptTotpStep(ada, OptionalLong.of(100), 101))).isEqualTo(1);
    }

    @Test
    void aRecoveryCodeIsUsedOnceAndOnlyByItsUser() {
        UUID ada = existingUser();
        UUID bob = existingUser();
        store.replaceRecoveryCodes(ada, Set.of("a1", "a2", "a3"));
        store.replaceRecoveryCodes(bob, Set.of("b1"));

        assertThat(store.countRecoveryCodes(ada)).isEqualTo(3);
        assertThat(store.useRecoveryCode(bob, "a1")).as("another user's code").isFalse();
        assertThat(store.useRecoveryCode(ada, "a1")).isTrue();
        assertThat(store.useRecoveryCode(ada, "a1")).as("used up").isFalse();
        assertThat(store.countRecoveryCodes(ada)).isEqualTo(2);

        store.replaceRecoveryCodes(ada, Set.of("n1", "n2"));
        assertThat(store.useRecoveryCode(ada, "a2")).as("replaced codes stop working").isFalse();
        assertThat(store.countRecoveryCodes(ada)).isEqualTo(2);
        assertThat(store.countRecoveryCodes(bob)).isEqualTo(1);
    }

    @Test
    void aResetRemovesEveryFactorOfTheUserAlone() {
        UUID ada = existingUser();
        UUID bob = existingUser();
        store.savePendingTotp(pending(ada, "sealed"));
        store.confirmTotp(ada, 1);
        store.replaceRecoveryCodes(ada, Set.of("a1"));
        store.savePendingTotp(pending(bob, "sealed"));
        store.replaceRecoveryCodes(bob, Set.of("b1"));

        store.deleteAll(ada);

        assertThat(store.findTotp(ada)).isEmpty();
        assertThat(store.countRecoveryCodes(ada)).isZero();
        assertThat(store.findTotp(bob)).isPresent();
        assertThat(store.countRecoveryCodes(bob)).isEqualTo(1);
    }
}
