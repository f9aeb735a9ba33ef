package dev.gatehouse.server;

import dev.gatehouse.core.config.GatehouseConfig;
import dev.gatehouse.core.keys.KeyStore;
import dev.gatehouse.core.memory.InMemoryKeyStore;
import dev.gatehouse.core.memory.InMemoryRateLimitStore;
import dev.gatehouse.core.memory.InMemoryRefreshTokenStore;
import dev.gatehouse.core.ratelimit.RateLimitStore;
import dev.gatehouse.core.memory.InMemoryRevocationStore;
import dev.gatehouse.core.memory.InMemoryServerSecretStore;
import dev.gatehouse.core.token.RefreshTokenStore;
import dev.gatehouse.core.token.RevocationStore;
import dev.gatehouse.jdbc.JdbcKeyStore;
import dev.gatehouse.jdbc.JdbcRefreshTokenStore;
import dev.gatehouse.jdbc.JdbcRevocationStore;
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
record Stores(UserStore users, SessionStore sessions, ServerSecretStore serverSecrets, KeyStore keys,
              RefreshTokenStore refreshTokens, RevocationStore revocations, RateLimitStore rateLimits,
              AutoCloseable resources) implements AutoCloseable {
    static Stores open(GatehouseConfig config, Clock clock) {
        return switch (config.store()) {
            case MEMORY -> new Stores(new InMemoryUserStore(), new InMemorySessionStore(), new InMemoryServerSecretStore(),
                    new InMemoryKeyStore(), new InMemoryRefreshTokenStore(), new InMemoryRevocationStore(), new InMemoryRateLimitStore(), () -> { });
            case SQLITE -> {
                JdbcDatabase database = JdbcDatabase.open(config.dbUrl());
                yield new Stores(new JdbcUserStore(database), new JdbcSessionStore(database), new JdbcServerSecretStore(database, clock),
                        new JdbcKeyStore(database), new JdbcRefreshTokenStore(database), new JdbcRevocationStore(database),
                        // Counters are short-lived and per instance: not worth a durable write per failed sign-in.
                        new InMemoryRateLimitStore(), database);
            }
        };
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
