package dev.gatehouse.jdbc;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.Consent;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.spi.ConsentStore;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.tck.ConsentStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The consent store contract on a SQL database, and its foreign keys: a deleted user's or
 * client's consents go with them, and a consent of nobody is refused; once on each database.
 */
@SqlMatrix
class JdbcConsentStoreTest extends ConsentStoreContract {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    private final MutableClock clock = MutableClock.atFixedStart();
    private JdbcDatabase database;
    private TestUsers users;
    private JdbcClientStore clients;

    @Override
    protected ConsentStore newStore() {
        database = databases.open(kind);
        users = new TestUsers(new JdbcUserStore(database), clock);
        clients = new JdbcClientStore(database);
        return new JdbcConsentStore(database);
    }

    @Override
    protected UUID existingUser() {
        return users.next();
    }

    @Override
    protected String existingClient(String id) {
        assertThat(clients.insert(new Client(id, id, ClientType.PUBLIC, Optional.empty(), Optional.empty(), List.of("http://127.0.0.1/cb"), List.of(),
                Optional.empty(), Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), false, false, Optional.empty(), Optional.empty(),
                clock.instant(), clock.instant()))).isTrue();
        return id;
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aDeletedUsersAndADeletedClientsConsentsGoWithThem() {
        UUID ada = existingUser();
        UUID bob = existingUser();
        existingClient("grafana");
        existingClient("gitea");
        store.save(new Consent(ada, "grafana", Set.of("openid"), clock.instant()));
        store.save(new Consent(ada, "gitea", Set.of("openid"), clock.instant()));
        store.save(new Consent(bob, "gitea", Set.of("openid"), clock.instant()));

        assertThat(users.delete(ada)).isTrue();
        assertThat(clients.delete("gitea")).isTrue();

        assertThat(store.listForUser(ada)).isEmpty();
        assertThat(store.listForUser(bob)).isEmpty();
    }

    @Test
    void aConsentOfAnUnknownUserOrClientIsRefused() {
        UUID ada = existingUser();
        existingClient("grafana");

        assertThatThrownBy(() -> store.save(new Consent(UUID.randomUUID(), "grafana", Set.of("openid"), clock.instant())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.save(new Consent(ada, "nobody", Set.of("openid"), clock.instant())))
                .isInstanceOf(IllegalStateException.class);
    }
}
