package dev.gatehouse.tck;

import dev.gatehouse.core.client.Consent;
import dev.gatehouse.core.spi.ConsentStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ConsentStore} must do: one consent per user and client, replaced by a later
 * one, listed by client, withdrawn on request.
 */
public abstract class ConsentStoreContract {
    private static final Instant GRANTED = Instant.parse("2026-01-01T00:00:00Z");

    /** The store under test, fresh for each test. */
    protected ConsentStore store;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public ConsentStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return a consent store holding nothing, not shared with any other test
     */
    protected abstract ConsentStore newStore();

    /**
     * A user the store may keep consents of: a stored user where the store knows users.
     *
     * @return the user's id
     */
    protected abstract UUID existingUser();

    /**
     * A client the store may keep consents to: a registered client where the store knows clients.
     *
     * @param id the client id wanted
     * @return {@code id}
     */
    protected abstract String existingClient(String id);

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @Test
    void aUserWithoutConsentHasNone() {
        UUID ada = existingUser();
        existingClient("grafana");

        assertThat(store.find(ada, "grafana")).isEmpty();
        assertThat(store.listForUser(ada)).isEmpty();
    }

    @Test
    void aSavedConsentIsFoundExactlyAndOnlyForItsUserAndClient() {
        UUID ada = existingUser();
        UUID bob = existingUser();
        existingClient("grafana");
        existingClient("gitea");
        Consent consent = new Consent(ada, "grafana", Set.of("openid", "profile", "grafana:admin"), GRANTED);

        store.save(consent);

        assertThat(store.find(ada, "grafana")).hasValue(consent);
        assertThat(store.find(ada, "gitea")).isEmpty();
        assertThat(store.find(bob, "grafana")).isEmpty();
    }

    @Test
    void aLaterConsentReplacesTheEarlierOne() {
        UUID ada = existingUser();
        existingClient("grafana");
        store.save(new Consent(ada, "grafana", Set.of("openid"), GRANTED));
        Consent wider = new Consent(ada, "grafana", Set.of("openid", "email", "offline_access"), GRANTED.plusSeconds(60));

        store.save(wider);

        assertThat(store.find(ada, "grafana")).hasValue(wider);
        assertThat(store.listForUser(ada)).containsExactly(wider);
    }

    @Test
    void aUsersConsentsAreListedByClient() {
        UUID ada = existingUser();
        UUID bob = existingUser();
        for (String client : new String[]{"zulip", "gitea", "nextcloud"}) {
            existingClient(client);
            store.save(new Consent(ada, client, Set.of("openid"), GRANTED));
        }
        store.save(new Consent(bob, "gitea", Set.of("openid"), GRANTED));

        assertThat(store.listForUser(ada)).extracting(Consent::clientId).containsExactly("gitea", "nextcloud", "zulip");
        assertThat(store.listForUser(bob)).extracting(Consent::clientId).containsExactly("gitea");
    }

    @Test
    void everyConsentToAClientCanBeWithdrawnAtOnce() {
        UUID ada = existingUser();
        UUID bob = existingUser();
        existingClient("grafana");
        existingClient("gitea");
        store.save(new Consent(ada, "grafana", Set.of("openid"), GRANTED));
        store.save(new Consent(bob, "grafana", Set.of("openid"), GRANTED));
        store.save(new Consent(ada, "gitea", Set.of("openid"), GRANTED));

        assertThat(store.deleteAllForClient("grafana")).isEqualTo(2);
        assertThat(store.deleteAllForClient("grafana")).isZero();

        assertThat(store.listForUser(ada)).extracting(Consent::clientId).containsExactly("gitea");
        assertThat(store.listForUser(bob)).isEmpty();
    }

    @Test
    void aWithdrawnConsentIsGone() {
        UUID ada = existingUser();
        existingClient("grafana");
        store.save(new Consent(ada, "grafana", Set.of("openid"), GRANTED));

        assertThat(store.delete(ada, "grafana")).isTrue();
        assertThat(store.delete(ada, "grafana")).isFalse();

        assertThat(store.find(ada, "grafana")).isEmpty();
    }
}
