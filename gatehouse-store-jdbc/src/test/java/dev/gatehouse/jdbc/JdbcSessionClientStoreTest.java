package dev.gatehouse.jdbc;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.session.SessionClient;
import dev.gatehouse.core.spi.SessionClientStore;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.tck.SessionClientStoreContract;
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
 * The session client store contract on a SQL database, and its foreign key: a deleted client's
 * entries go with it (it can no longer be told anything), and an entry of no client is refused.
 */
@SqlMatrix
class JdbcSessionClientStoreTest extends SessionClientStoreContract {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    private final MutableClock clock = MutableClock.atFixedStart();
    private JdbcDatabase database;
    private JdbcClientStore clients;

    @Override
    protected SessionClientStore newStore() {
        database = databases.open(kind);
        clients = new JdbcClientStore(database);
        return new JdbcSessionClientStore(database);
    }

    @Override
    protected String existingClient(String id) {
        assertThat(clients.insert(new Client(id, id, ClientType.PUBLIC, Optional.empty(), Optional.empty(), List.of("http://127.0.0.1/cb"), List.of(),
                Optional.of("https://app.example/backchannel"), Set.of("openid"), Set.of(GrantType.AUTHORIZATION_CODE), false, false,
                Optional.empty(), Optional.empty(), clock.instant(), clock.instant()))).isTrue();
        return id;
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aDeletedClientsEntriesGoWithIt() {
        existingClient("grafana");
        existingClient("gitea");
        UUID session = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        store.record(new SessionClient(session, "grafana", user, clock.instant(), false, 0));
        store.record(new SessionClient(session, "gitea", user, clock.instant(), false, 0));

        assertThat(clients.delete("gitea")).isTrue();

        assertThat(store.listDue(clock.instant(), 10)).extracting(SessionClient::clientId).containsExactly("grafana");
    }

    @Test
    void anEntryOfAnUnknownClientIsRefused() {
        assertThatThrownBy(() -> store.record(new SessionClient(UUID.randomUUID(), "nobody", UUID.randomUUID(), clock.instant(), false, 0)))
                .isInstanceOf(IllegalStateException.class);
    }
}
