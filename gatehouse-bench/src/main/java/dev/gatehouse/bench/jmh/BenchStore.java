package dev.gatehouse.bench.jmh;

import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.jdbc.JdbcDatabase;
import dev.gatehouse.jdbc.JdbcSessionStore;
import dev.gatehouse.jdbc.JdbcUserStore;
import dev.gatehouse.redis.RedisStores;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A session store of one kind, opened fresh for a benchmark and removed afterwards: a temporary
 * SQLite file, a PostgreSQL schema of its own, a Redis key prefix of its own. The servers are
 * the machine's ({@code GATEHOUSE_TEST_PG_URL} / {@code GATEHOUSE_TEST_REDIS_URL} name others);
 * when one cannot be reached, opening fails with a message that says which and where.
 */
abstract class BenchStore implements AutoCloseable {
    static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

    private final SessionStore sessions;
    private final UUID user;
    private final boolean parallelInserts;

    private BenchStore(SessionStore sessions, UUID user, boolean parallelInserts) {
        this.sessions = sessions;
        this.user = user;
        this.parallelInserts = parallelInserts;
    }

    /** The store the sessions go into; its users (where it keeps any) include {@link #user()}. */
    final SessionStore sessions() {
        return sessions;
    }

    /** A user the store knows, for the sessions to belong to. */
    final UUID user() {
        return user;
    }

    /** True when inserts may run on several threads at once (the server's pool or connection takes them). */
    final boolean takesParallelInserts() {
        return parallelInserts;
    }

    @Override
    public abstract void close();

    static BenchStore open(StoreKind kind, Clock clock) {
        return switch (kind) {
            case MEMORY -> new Memory();
            case SQLITE -> Jdbc.sqlite(clock);
            case POSTGRES -> Jdbc.postgres(clock);
            case REDIS -> Redis.connect(clock);
        };
    }

    static String randomSuffix() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static final class Memory extends BenchStore {
        Memory() {
            super(new InMemorySessionStore(), UUID.randomUUID(), false);
        }

        @Override
        public void close() {
        }
    }

    private static final class Jdbc extends BenchStore {
        private final JdbcDatabase database;
        private final Runnable cleanUp;

        private Jdbc(JdbcDatabase database, Clock clock, Runnable cleanUp) {
            super(new JdbcSessionStore(database), UUID.randomUUID(), database.dialect().poolSizes().writers() > 1);
            this.database = database;
            this.cleanUp = cleanUp;
            Instant now = clock.instant();
            try {
                new JdbcUserStore(database).insert(new User(user(), Optional.of("bench@example.com"), Optional.of("bench"),
                        Optional.empty(), Optional.empty(), Optional.empty(), Role.COMMON, "unused", now, now));
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        static Jdbc sqlite(Clock clock) {
            Path dir;
            try {
                dir = Files.createTempDirectory("gatehouse-jmh-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JdbcDatabase database;
            try {
                database = JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("gatehouse.db"));
            } catch (RuntimeException e) {
                deleteTree(dir);
                throw e;
            }
            return new Jdbc(database, clock, () -> deleteTree(dir));
        }

        static Jdbc postgres(Clock clock) {
            String server = env("GATEHOUSE_TEST_PG_URL", DEFAULT_PG_URL);
            String schema = "gh_jmh_" + randomSuffix();
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL cannot be reached at " + maskJdbc(server) + " (SQLState "
                        + e.getSQLState() + "); start it or set GATEHOUSE_TEST_PG_URL", e);
            }
            Runnable dropSchema = () -> {
                try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    throw new IllegalStateException("dropping schema " + schema + " failed: SQLState " + e.getSQLState(), e);
                }
            };
            String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            JdbcDatabase database;
            try {
                database = JdbcDatabase.open(url);
            } catch (RuntimeException e) {
                dropSchema.run();
                throw e;
            }
            return new Jdbc(database, clock, dropSchema);
        }

        @Override
        public void close() {
            try {
                database.close();
            } finally {
                cleanUp.run();
            }
        }

        private static String maskJdbc(String url) {
            return url.replaceAll("password=[^&]*", "password=***");
        }

        private static void deleteTree(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Redis extends BenchStore {
        private final String url;
        private final String prefix;
        private final RedisStores stores;

        private Redis(String url, String prefix, RedisStores stores) {
            super(stores.sessions(), UUID.randomUUID(), true);
            this.url = url;
            this.prefix = prefix;
            this.stores = stores;
        }

        static Redis connect(Clock clock) {
            String url = env("GATEHOUSE_TEST_REDIS_URL", DEFAULT_REDIS_URL);
            String prefix = "gh-jmh:" + randomSuffix() + ":";
            try {
                return new Redis(url, prefix, RedisStores.connect(url, prefix, clock));
            } catch (RuntimeException e) {
                throw new IllegalStateException("Redis cannot be reached at " + maskRedis(url)
                        + "; start it or set GATEHOUSE_TEST_REDIS_URL (" + e.getMessage() + ")", e);
            }
        }

        /** Closes the stores, then deletes every key under the prefix on a connection of its own. */
        @Override
        public void close() {
            stores.close();
            RedisURI uri = RedisURI.create(url);
            uri.setTimeout(Duration.ofSeconds(10));
            RedisClient client = RedisClient.create(uri);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                    KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
                    if (!page.getKeys().isEmpty()) {
                        connection.sync().unlink(page.getKeys().toArray(String[]::new));
                    }
                    cursor = page;
                } while (!cursor.isFinished());
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }

        private static String maskRedis(String url) {
            return url.replaceAll("//[^@/]*@", "//***@");
        }
    }
}
