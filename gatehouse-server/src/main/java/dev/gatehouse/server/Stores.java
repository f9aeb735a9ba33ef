package dev.gatehouse.server;

import dev.gatehouse.core.config.GatehouseConfig;
import dev.gatehouse.core.memory.InMemoryServerSecretStore;
import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.secrets.ServerSecretStore;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.user.UserStore;
import dev.gatehouse.jdbc.JdbcDatabase;
import dev.gatehouse.jdbc.JdbcServerSecretStore;
import dev.gatehouse.jdbc.JdbcSessionStore;
import dev.gatehouse.jdbc.JdbcUserStore;

import java.time.Clock;

/** The stores a configuration names, and how to close what they hold open. */
record Stores(UserStore users, SessionStore sessions, ServerSecretStore serverSecrets, AutoCloseable resources) implements AutoCloseable {
    static Stores open(GatehouseConfig config, Clock clock) {
        return switch (config.store()) {
            case MEMORY -> new Stores(new InMemoryUserStore(), new InMemorySessionStore(), new InMemoryServerSecretStore(), () -> { });
            case SQLITE -> {
                JdbcDatabase database = JdbcDatabase.open(config.dbUrl());
                yield new Stores(new JdbcUserStore(database), new JdbcSessionStore(database), new JdbcServerSecretStore(database, clock), database);
            }
        };
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
