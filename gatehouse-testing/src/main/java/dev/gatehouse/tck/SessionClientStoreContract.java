package dev.gatehouse.tck;

import dev.gatehouse.core.session.SessionClient;
import dev.gatehouse.core.spi.SessionClientStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link SessionClientStore} must do: one entry per session and client, due by its
 * time, marked ended per session or per user, and taken by exactly one of many claimers.
 */
public abstract class SessionClientStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** The store under test, fresh for each test. */
    protected SessionClientStore store;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public SessionClientStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return a store holding nothing, not shared with any other test
     */
    protected abstract SessionClientStore newStore();

    /**
     * A client the store may keep entries of: a registered client where the store knows clients.
     *
     * @param id the client id wanted
     * @return {@code id}
     */
    protected abstract String existingClient(String id);

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    private static SessionClient entry(UUID session, String client, UUID user, Instant checkAt) {
        return new SessionClient(session, client, user, checkAt, false, 0);
    }

    @Test
    void aRecordedEntryIsFoundAndIsDueFromItsTime() {
        String grafana = existingClient("grafana");
        SessionClient entry = entry(UUID.randomUUID(), grafana, UUID.randomUUID(), T0.plus(MINUTE));

        store.record(entry);

        assertThat(store.find(entry.sessionId(), grafana)).hasValue(entry);
        assertThat(store.find(entry.sessionId(), "gitea")).isEmpty();
        assertThat(store.listDue(T0, 10)).isEmpty();
        assertThat(store.listDue(T0.plus(MINUTE), 10)).containsExactly(entry);
    }

    @Test
    void dueEntriesComeEarliestFirstAndNoMoreThanAsked() {
        String grafana = existingClient("grafana");
        UUID user = UUID.randomUUID();
        SessionClient late = entry(UUID.randomUUID(), grafana, user, T0.plus(MINUTE.multipliedBy(3)));
        SessionClient early = entry(UUID.randomUUID(), grafana, user, T0.plus(MINUTE));
        SessionClient middle = entry(UUID.randomUUID(), grafana, user, T0.plus(MINUTE.multipliedBy(2)));
        store.record(late);
        store.record(early);
        store.record(middle);

        assertThat(store.listDue(T0.plus(MINUTE.multipliedBy(5)), 10)).containsExactly(early, middle, late);
        assertThat(store.listDue(T0.plus(MINUTE.multipliedBy(5)), 2)).containsExactly(early, middle);
    }

    @Test
    void recordingAgainKeepsTheEarlierTimeAndTheEndedFlag() {
        String grafana = existingClient("grafana");
        UUID session = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        store.record(entry(session, grafana, user, T0.plus(MINUTE)));

        store.record(entry(session, grafana, user, T0.plus(MINUTE.multipliedBy(9))));
        assertThat(store.find(session, grafana).orElseThrow().checkAt()).isEqualTo(T0.plus(MINUTE));

        store.markEnded(session, T0.plus(MINUTE.multipliedBy(2)));
        store.record(entry(session, grafana, user, T0));
        SessionClient found = store.find(session, grafana).orElseThrow();
        assertThat(found.ended()).isTrue();
        assertThat(found.checkAt()).isEqualTo(T0);
    }

    @Test
    void markingASessionEndedMakesOnlyItsEntriesDueNow() {
        String grafana = existingClient("grafana");
        String gitea = existingClient("gitea");
        UUID user = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        store.record(entry(ended, grafana, user, T0.plus(MINUTE)));
        store.record(entry(ended, gitea, user, T0.plus(MINUTE)));
        store.record(entry(other, grafana, user, T0.plus(MINUTE)));

        assertThat(store.markEnded(ended, T0)).isEqualTo(2);

        assertThat(store.listDue(T0, 10)).containsExactlyInAnyOrder(
                new SessionClient(ended, grafana, user, T0, true, 0), new SessionClient(ended, gitea, user, T0, true, 0));
        assertThat(store.find(other, grafana).orElseThrow().ended()).isFalse();
        assertThat(store.markEnded(UUID.randomUUID(), T0)).isZero();
    }

    @Test
    void markingAUsersSessionsEndedSparesTheKeptOneAndOtherUsers() {
        String grafana = existingClient("grafana");
        UUID ada = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID bobs = UUID.randomUUID();
        store.record(entry(first, grafana, ada, T0.plus(MINUTE)));
        store.record(entry(kept, grafana, ada, T0.plus(MINUTE)));
        store.record(entry(bobs, grafana, bob, T0.plus(MINUTE)));

        assertThat(store.markUserEnded(ada, Optional.of(kept), T0)).isEqualTo(1);
        assertThat(store.find(first, grafana).orElseThrow().ended()).isTrue();
        assertThat(store.find(kept, grafana).orElseThrow().ended()).isFalse();

        assertThat(store.markUserEnded(ada, Optional.empty(), T0)).isEqualTo(2);
        assertThat(store.find(kept, grafana).orElseThrow().ended()).isTrue();
        assertThat(store.find(bobs, grafana).orElseThrow().ended()).isFalse();
    }

    @Test
    void aClaimSucceedsOnlyOnTheEntryAsItWasSeen() {
        String grafana = existingClient("grafana");
        SessionClient seen = entry(UUID.randomUUID(), grafana, UUID.randomUUID(), T0);
        store.record(seen);
        SessionClient claimed = seen.dueAt(T0.plus(MINUTE), false, 0);

        assertThat(store.claim(seen, claimed)).isTrue();
        assertThat(store.claim(seen, seen.dueAt(T0.plus(MINUTE.multipliedBy(2)), false, 0))).isFalse();
        assertThat(store.find(seen.sessionId(), grafana)).hasValue(claimed);
        assertThat(store.listDue(T0, 10)).isEmpty();

        store.markEnded(seen.sessionId(), T0);
        assertThat(store.claim(claimed, claimed.dueAt(T0.plus(MINUTE.multipliedBy(3)), false, 1)))
                .as("an entry marked ended meanwhile is not put off by a claim made before").isFalse();
    }

    @Test
    void aClaimKeepsItsSessionAndClient() {
        String grafana = existingClient("grafana");
        SessionClient seen = entry(UUID.randomUUID(), grafana, UUID.randomUUID(), T0);
        store.record(seen);

        assertThatThrownBy(() -> store.claim(seen, entry(UUID.randomUUID(), grafana, seen.userId(), T0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofManyClaimsOfOneEntryExactlyOneWins() throws Exception {
        String grafana = existingClient("grafana");
        SessionClient seen = entry(UUID.randomUUID(), grafana, UUID.randomUUID(), T0);
        store.record(seen);
        assertThat(Races.successes(attempt -> store.claim(seen, seen.dueAt(T0.plus(MINUTE).plusMillis(attempt), false, 0)))).isEqualTo(1);
    }

    @Test
    void anEntryIsDeletedOnlyAsItWasSeen() {
        String grafana = existingClient("grafana");
        SessionClient seen = entry(UUID.randomUUID(), grafana, UUID.randomUUID(), T0);
        store.record(seen);
        store.markEnded(seen.sessionId(), T0.plus(MINUTE));

        assertThat(store.delete(seen)).isFalse();
        SessionClient now = store.find(seen.sessionId(), grafana).orElseThrow();
        assertThat(store.delete(now)).isTrue();
        assertThat(store.find(seen.sessionId(), grafana)).isEmpty();
        assertThat(store.delete(now)).isFalse();
    }

    @Test
    void timesAreKeptToTheMillisecond() {
        String grafana = existingClient("grafana");
        SessionClient entry = entry(UUID.randomUUID(), grafana, UUID.randomUUID(), T0.plusNanos(1_234_567));
        store.record(entry);

        assertThat(entry.checkAt()).isEqualTo(T0.plusMillis(1));
        SessionClient found = store.find(entry.sessionId(), grafana).orElseThrow();
        assertThat(found).isEqualTo(entry);
        assertThat(store.claim(found, found.dueAt(T0.plus(MINUTE), true, 1))).isTrue();
    }
}
