package dev.gatehouse.server;

import dev.gatehouse.cache.CacheSettings;
import dev.gatehouse.cache.CachingSessionStore;
import dev.gatehouse.cache.CachingUserStore;
import dev.gatehouse.cache.NotifyingKeyStore;
import dev.gatehouse.core.config.GatehouseConfig;
import dev.gatehouse.core.events.EventFeed;
import dev.gatehouse.core.events.LocalEventFeed;
import dev.gatehouse.core.keys.KeyStore;
import dev.gatehouse.core.memory.InMemoryKeyStore;
import dev.gatehouse.core.memory.InMemoryRateLimitStore;
import dev.gatehouse.core.memory.InMemoryRefreshTokenStore;
import dev.gatehouse.core.memory.InMemoryRevocationStore;
import dev.gatehouse.core.memory.InMemoryServerSecretStore;
import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.ratelimit.RateLimitStore;
import dev.gatehouse.core.secrets.ServerSecretStore;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.token.RefreshTokenStore;
import dev.gatehouse.core.token.RevocationStore;
import dev.gatehouse.core.user.UserStore;
import dev.gatehouse.jdbc.JdbcDatabase;
import dev.gatehouse.jdbc.JdbcKeyStore;
import dev.gatehouse.jdbc.JdbcRefreshTokenStore;
import dev.gatehouse.jdbc.JdbcRevocationStore;
import dev.gatehouse.jdbc.JdbcServerSecretStore;
import dev.gatehouse.jdbc.JdbcSessionStore;
import dev.gatehouse.jdbc.JdbcUserStore;
import dev.gatehouse.jdbc.PostgresEventFeed;

import java.time.Clock;

/**
 * The stores a configuration names, the feed that tells instances sharing them about changes,
 * and how to close what they hold open.
 */
record Stores(UserStore users, SessionStore sessions, ServerSecretStore serverSecrets, KeyStore keys,
              RefreshTokenStore refreshTokens, RevocationStore revocations, RateLimitStore rateLimits,
              EventFeed events, AutoCloseable resources) implements AutoCloseable {
    static Stores open(GatehouseConfig config, Clock clock) {
        return switch (config.store()) {
            case MEMORY -> new Stores(new InMemoryUserStore(), new InMemorySessionStore(), new InMemoryServerSecretStore(),
                    new InMemoryKeyStore(), new InMemoryRefreshTokenStore(), new InMemoryRevocationStore(), new InMemoryRateLimitStore(),
                    new LocalEventFeed(), () -> { });
            case SQLITE -> {
                JdbcDatabase database = JdbcDatabase.open(config.dbUrl());
                // One process owns the file: nothing to tell, and nothing cached that another writer could make stale.
                yield new Stores(new JdbcUserStore(database), new JdbcSessionStore(database), new JdbcServerSecretStore(database, clock),
                        new JdbcKeyStore(database), new JdbcRefreshTokenStore(database), new JdbcRevocationStore(database),
                        // Counters are short-lived and per instance: not worth a durable write per failed sign-in.
                        new InMemoryRateLimitStore(), new LocalEventFeed(), database);
            }
            case POSTGRES -> shared(JdbcDatabase.open(config.dbUrl()), config, clock);
        };
    }

    /** Several instances on one PostgreSQL database: copies cached, changes announced over LISTEN/NOTIFY. */
    private static Stores shared(JdbcDatabase database, GatehouseConfig config, Clock clock) {
        PostgresEventFeed events;
        try {
            events = PostgresEventFeed.start(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        UserStore users = new JdbcUserStore(database);
        SessionStore sessions = new JdbcSessionStore(database);
        if (!config.cacheMaxStale().isZero()) {
            CacheSettings cache = new CacheSettings(config.cacheMaxStale(), CacheSettings.DEFAULT.maxEntries());
            users = new CachingUserStore(users, events, cache, clock);
            sessions = new CachingSessionStore(sessions, events, cache, clock);
        }
        return new Stores(users, sessions, new JdbcServerSecretStore(database, clock), new NotifyingKeyStore(new JdbcKeyStore(database), events),
                new JdbcRefreshTokenStore(database), new JdbcRevocationStore(database), new InMemoryRateLimitStore(), events,
                () -> {
                    events.close();
                    database.close();
                });
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
