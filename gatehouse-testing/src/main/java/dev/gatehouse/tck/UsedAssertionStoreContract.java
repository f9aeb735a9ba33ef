package dev.gatehouse.tck;

import dev.gatehouse.core.spi.UsedAssertionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link UsedAssertionStore} must do: an assertion's first use is the only one, until it expires. */
public abstract class UsedAssertionStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The store under test, fresh for each test. */
    protected UsedAssertionStore store;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public UsedAssertionStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return a store holding nothing, not shared with any other test
     */
    protected abstract UsedAssertionStore newStore();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @Test
    void onlyTheFirstUseIsFirst() {
        assertThat(store.markUsed("a", T0.plusSeconds(60))).isTrue();
        assertThat(store.markUsed("a", T0.plusSeconds(60))).isFalse();
        assertThat(store.markUsed("a", T0.plusSeconds(120))).isFalse();
        assertThat(store.markUsed("b", T0.plusSeconds(60))).isTrue();
    }

    @Test
    void anExpiredAssertionIsForgottenOnlyOnceItHasExpired() {
        store.markUsed("early", T0.plusSeconds(60));
        store.markUsed("late", T0.plusSeconds(120));

        assertThat(store.deleteExpired(T0.plusSeconds(60))).isZero();
        assertThat(store.deleteExpired(T0.plusSeconds(61))).isEqualTo(1);
        assertThat(store.markUsed("late", T0.plusSeconds(120))).isFalse();
        assertThat(store.markUsed("early", T0.plusSeconds(60))).isTrue();
    }

    @Test
    void ofManyUsesAtOnceExactlyOneIsFirst() throws Exception {
        assertThat(Races.successes(attempt -> store.markUsed("raced", T0.plus(Duration.ofMinutes(1))))).isEqualTo(1);
    }
}
