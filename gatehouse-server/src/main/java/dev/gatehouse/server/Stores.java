package dev.gatehouse.server;

import dev.gatehouse.cache.CacheSettings;
import dev.gatehouse.cache.CachingClientStore;
import dev.gatehouse.cache.CachingRevocationStore;
import dev.gatehouse.cache.CachingSessionStore;
import dev.gatehouse.cache.CachingUserStore;
import dev.gatehouse.cache.DeferredTouchSessionStore;
import dev.gatehouse.cache.NotifyingKeyStore;
import dev.gatehouse.core.memory.InMemoryAuthorizationCodeStore;
import dev.gatehouse.core.memory.InMemoryClientStore;
import dev.gatehouse.core.memory.InMemoryConsentStore;
import dev.gatehouse.core.memory.InMemoryKeyStore;
import dev.gatehouse.core.memory.InMemoryRateLimitStore;
import dev.gatehouse.core.memory.InMemoryRefreshTokenStore;
import dev.gatehouse.core.memory.InMemoryRevocationStore;
import dev.gatehouse.core.memory.InMemorySecondFactorStore;
import dev.gatehouse.core.memory.InMemoryServerSecretStore;
import dev.gatehouse.core.memory.InMemorySessionClientStore;
import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.memory.InMemoryUsedAssertionStore;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.secrets.Secret;
import dev.gatehouse.core.spi.AuthorizationCodeStore;
import dev.gatehouse.core.spi.ClientStore;
import dev.gatehouse.core.spi.ConsentStore;
import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.KeyStore;
import dev.gatehouse.core.spi.LocalEventFeed;
import dev.gatehouse.core.spi.RateLimitStore;
import dev.gatehouse.core.spi.RefreshTokenStore;
import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.core.spi.SecondFactorStore;
import dev.gatehouse.core.spi.ServerSecretStore;
import dev.gatehouse.core.spi.SessionClientStore;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.spi.StoreBackend;
import dev.gatehouse.core.spi.UsedAssertionStore;
import dev.gatehouse.core.spi.UserStore;
import dev.gatehouse.jdbc.JdbcAuthorizationCodeStore;
import dev.gatehouse.jdbc.JdbcClientStore;
import dev.gatehouse.jdbc.JdbcConsentStore;
import dev.gatehouse.jdbc.JdbcDatabase;
import dev.gatehouse.jdbc.JdbcKeyStore;
import dev.gatehouse.jdbc.JdbcRefreshTokenStore;
import dev.gatehouse.jdbc.JdbcRevocationStore;
import dev.gatehouse.jdbc.JdbcSecondFactorStore;
import dev.gatehouse.jdbc.JdbcServerSecretStore;
import dev.gatehouse.jdbc.JdbcSessionClientStore;
import dev.gatehouse.jdbc.JdbcSessionStore;
import dev.gatehouse.jdbc.JdbcUsedAssertionStore;
import dev.gatehouse.jdbc.JdbcUserStore;
import dev.gatehouse.jdbc.PostgresEventFeed;
import dev.gatehouse.jdbc.SqlDialect;
import dev.gatehouse.jdbc.SqliteEventFeed;
import dev.gatehouse.redis.RedisStores;
import dev.gatehouse.server.boot.UnpackedSqliteLibrary;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.StoreKind;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The stores a configuration names, the feed that tells instances sharing them about changes,
 * and how to close what they hold open.
 *
 * <ul>
 *   <li>memory: everything in the process.</li>
 *   <li>SQL stores: sessions, users and revocation checks are cached, and changes are announced to every process
 *       that holds copies: over Redis pub/sub when there is Redis, else over PostgreSQL's
 *       LISTEN/NOTIFY, else (SQLite) through the file's event log, which the server and the
 *       {@code gatehouse users ...} commands run beside it share.</li>
 *   <li>Sessions' last-use times are written behind the requests (DeferredTouchSessionStore), in
 *       SQL; Redis takes each at once.</li>
 *   <li>With Redis, sessions, refresh tokens, revocations and rate-limit counters live there; users,
 *       keys, server secrets, clients, authorization codes, consents, the clients of
 *       each session, the used client assertions and second factors stay in SQL.</li>
 * </ul>
 */
record Stores(UserStore users, SessionStore sessions, ServerSecretStore serverSecrets, KeyStore keys,
              RefreshTokenStore refreshTokens, RevocationStore revocations, RateLimitStore rateLimits,
              EventFeed events, ClientStore clients, AuthorizationCodeStore authorizationCodes, ConsentStore consents,
              SessionClientStore sessionClients, UsedAssertionStore usedAssertions,
              SecondFactorStore secondFactors, AutoCloseable resources) implements StoreBackend {
    static Stores open(GatehouseConfig config, Clock clock) {
        return switch (config.store()) {
            case MEMORY -> new Stores(new InMemoryUserStore(), new InMemorySessionStore(), new InMemoryServerSecretStore(),
                    new InMemoryKeyStore(), new InMemoryRefreshTokenStore(), new InMemoryRevocationStore(), new InMemoryRateLimitStore(),
                    new LocalEventFeed(), new InMemoryClientStore(), new InMemoryAuthorizationCodeStore(), new InMemoryConsentStore(),
                    new InMemorySessionClientStore(), new InMemoryUsedAssertionStore(), new InMemorySecondFactorStore(), () -> { });
            case SQLITE, POSTGRES -> sql(config, clock);
        };
    }

    /**
     * Whether the stores the configuration names are sure to hold nothing before they are opened:
     * a SQLite file that does not exist yet. False where that cannot be told without opening them.
     */
    static boolean holdNothingYet(GatehouseConfig config) {
        return config.store() == StoreKind.SQLITE && JdbcDatabase.isNewSqliteFile(config.dbUrl());
    }

    private static Stores sql(GatehouseConfig config, Clock clock) {
        // Closed last-opened first, whether the start fails half-way or the server stops.
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        AutoCloseable closeAll = () -> {
            while (!opened.isEmpty()) {
                opened.pop().close();
            }
        };
        try {
            if (config.store() == StoreKind.SQLITE) {
                UnpackedSqliteLibrary.useIfPresent();
            }
            JdbcDatabase database = JdbcDatabase.open(config.dbUrl());
            opened.push(database);
            Optional<RedisStores> redis = config.redisUrl().map(Secret::value)
                    .map(url -> RedisStores.connect(url, config.redisKeyPrefix(), clock));
            redis.ifPresent(opened::push);
            EventFeed events = redis.<EventFeed>map(RedisStores::startEvents).orElseGet(() -> database.dialect() == SqlDialect.POSTGRES
                    ? PostgresEventFeed.start(database) : SqliteEventFeed.start(database, clock));
            opened.push(events);

            UserStore users = new JdbcUserStore(database);
            SessionStore sessions = redis.<SessionStore>map(RedisStores::sessions).orElseGet(() -> {
                // A durable write per touch would bound session checks by the SQL writer: touches go behind.
                DeferredTouchSessionStore deferred = DeferredTouchSessionStore.start(new JdbcSessionStore(database));
                opened.push(deferred); // closed (its last touches written) before the database
                return deferred;
            });
            RevocationStore revocations = redis.<RevocationStore>map(RedisStores::revocations).orElseGet(() -> new JdbcRevocationStore(database));
            ClientStore clients = new JdbcClientStore(database);
            if (!config.cacheMaxStale().isZero()) {
                CacheSettings cache = new CacheSettings(config.cacheMaxStale(), CacheSettings.DEFAULT.maxEntries());
                users = new CachingUserStore(users, events, cache, clock);
                clients = new CachingClientStore(clients, events, cache, clock);
                sessions = new CachingSessionStore(sessions, events, cache, clock);
                revocations = new CachingRevocationStore(revocations, events, cache, clock);
            }
            return new Stores(users, sessions, new JdbcServerSecretStore(database, clock),
                    new NotifyingKeyStore(new JdbcKeyStore(database), events),
                    redis.<RefreshTokenStore>map(RedisStores::refreshTokens).orElseGet(() -> new JdbcRefreshTokenStore(database)),
                    revocations,
                    // Without Redis, counters are per instance: short-lived, not worth a durable write per failed sign-in.
                    redis.<RateLimitStore>map(RedisStores::rateLimits).orElseGet(InMemoryRateLimitStore::new),
                    events, clients, new JdbcAuthorizationCodeStore(database), new JdbcConsentStore(database),
                    new JdbcSessionClientStore(database), new JdbcUsedAssertionStore(database), new JdbcSecondFactorStore(database),
                    closeAll);
        } catch (RuntimeException e) {
            try {
                closeAll.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            // Closing waits on pools and feed threads; the server closes once, on the way out, where an interrupt only shortens the wait.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the stores", e);
        } catch (Exception e) {
            throw new IllegalStateException("closing the stores failed", e);
        }
    }
}
