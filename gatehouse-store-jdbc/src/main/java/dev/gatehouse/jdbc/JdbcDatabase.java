package dev.gatehouse.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.core.spi.StoreOutage;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * An open database: its schema migrated, its connections pooled. Open one per process, hand it
 * to {@link JdbcUserStore} and {@link JdbcSessionStore}, close it at shutdown.
 *
 * <pre>{@code
 * try (JdbcDatabase db = JdbcDatabase.open("jdbc:sqlite:./data/gatehouse.db")) {
 *     UserStore users = new JdbcUserStore(db);
 *     SessionStore sessions = new JdbcSessionStore(db);
 *     ...
 * }
 * }</pre>
 *
 * <p>PostgreSQL is opened the same way, with a URL such as
 * {@code jdbc:postgresql://db:5432/gatehouse?user=gatehouse&password=...&currentSchema=gatehouse};
 * the tables go into {@code currentSchema} (created when missing, if the user may) or else the
 * user's default schema.
 */
public final class JdbcDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDatabase.class);

    private final SqlDialect dialect;
    private final String shownUrl;
    private final HikariDataSource writes;
    private final HikariDataSource reads;
    private final DataSource unpooled;
    private final Writer writer;
    private final StoreOutage outage;

    private JdbcDatabase(SqlDialect dialect, String shownUrl, HikariDataSource writes, HikariDataSource reads, DataSource unpooled) {
        this.dialect = dialect;
        this.shownUrl = shownUrl;
        this.writes = writes;
        this.reads = reads;
        this.unpooled = unpooled;
        this.writer = switch (dialect) {
            // One file, one writer at a time: concurrent writes are gathered into shared commits.
            case SqliteDialect sqlite -> new GroupCommit(writes, "gatehouse-sqlite-writer");
            case PostgresDialect postgres -> new PooledWriter(writes);
        };
        this.outage = new StoreOutage("the database " + shownUrl);
    }

    /** Where the statements of every store on this database report whether it answered. */
    StoreOutage outage() {
        return outage;
    }

    /**
     * Opens the database at {@code jdbcUrl}: creates what the dialect needs (for SQLite the
     * file's directory), brings the schema up to date, then opens the connection pools.
     *
     * @param jdbcUrl {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://<host>[:<port>]/<database>}
     * @return the open database; close it at shutdown
     * @throws IllegalArgumentException when the URL is of no supported kind
     * @throws JdbcStoreException when any step fails; the message says which step and shows the URL
     *         with its password masked
     */
    public static JdbcDatabase open(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        SqlDialect dialect = SqlDialect.forUrl(jdbcUrl);
        String shown = JdbcUrls.redact(jdbcUrl);
        long started = System.nanoTime();
        try {
            dialect.prepare(jdbcUrl);
        } catch (IOException e) {
            throw failure("creating the directory of", jdbcUrl, e);
        }
        DataSource unpooled = dialect.dataSource(jdbcUrl);
        migrate(dialect, unpooled, jdbcUrl);
        SqlDialect.PoolSizes sizes = dialect.poolSizes();
        // The name shows in a pool timeout's message: it says which pool was exhausted.
        String writersName = sizes.readers().isPresent() ? "gatehouse-writer" : "gatehouse";
        HikariDataSource writes = pool(unpooled, writersName, sizes.writers(), dialect.poolWait(), jdbcUrl);
        HikariDataSource reads = writes;
        if (sizes.readers().isPresent()) {
            try {
                reads = pool(unpooled, "gatehouse-reader", sizes.readers().getAsInt(), dialect.poolWait(), jdbcUrl);
            } catch (RuntimeException e) {
                writes.close();
                throw e;
            }
        }
        LOG.info("opened {} database {} in {} ms", dialect.name(), shown, (System.nanoTime() - started) / 1_000_000);
        return new JdbcDatabase(dialect, shown, writes, reads, unpooled);
    }

    /**
     * Whether {@code jdbcUrl} names a SQLite file that does not exist yet, so that the database it
     * opens will hold nothing. False where that cannot be told without opening it (PostgreSQL, a
     * SQLite URL that names no file).
     *
     * @param jdbcUrl the URL of the database, not opened by this call
     * @return true only for a SQLite file that does not exist yet
     * @throws IllegalArgumentException when the URL is of no supported kind
     */
    public static boolean isNewSqliteFile(String jdbcUrl) {
        return SqlDialect.forUrl(jdbcUrl) == SqlDialect.SQLITE
                && SqliteDialect.databaseFile(jdbcUrl).map(file -> !Files.exists(file)).orElse(false);
    }

    private static void migrate(SqlDialect dialect, DataSource unpooled, String jdbcUrl) {
        // A restart nearly always finds the schema current: saying so with plain JDBC leaves Flyway
        // unloaded (docs/PERFORMANCE.md has what that saves). Any doubt and Flyway runs exactly as before.
        AppliedSchema.Verdict verdict = AppliedSchema.check(dialect, unpooled, JdbcDatabase.class.getClassLoader());
        if (verdict instanceof AppliedSchema.Verdict.Current) {
            return;
        }
        LOG.debug("running Flyway: {}", verdict);
        try {
            // Migrations run on a connection of their own before any pool exists, so they neither
            // wait for nor hold a pooled connection. One narrow location keeps the class path scan
            // small; strict naming turns a misnamed script into an error instead of a skipped one.
            MigrateResult result = Flyway.configure(JdbcDatabase.class.getClassLoader())
                    .dataSource(unpooled)
                    .locations(dialect.migrationLocation())
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .cleanDisabled(true)
                    .loggers("slf4j")
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("migrated the database schema to version {}", result.targetSchemaVersion);
            }
        } catch (RuntimeException e) {
            throw failure("migrating the schema of", jdbcUrl, e);
        }
    }

    private static HikariDataSource pool(DataSource unpooled, String name, int size, Duration wait, String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(unpooled);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(wait.toMillis());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw failure("opening the " + name + " connection pool for", jdbcUrl, e);
        }
    }

    private static JdbcStoreException failure(String doing, String jdbcUrl, Exception e) {
        String reason = JdbcUrls.scrub(rootCause(e), jdbcUrl);
        return new JdbcStoreException(doing + " the database " + JdbcUrls.redact(jdbcUrl) + " failed: " + reason, e);
    }

    /** The innermost cause says what went wrong (cannot open the file); the wrappers only say where. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * The kind of database this is.
     *
     * @return {@link SqlDialect#SQLITE} or {@link SqlDialect#POSTGRES}
     */
    public SqlDialect dialect() {
        return dialect;
    }

    /** Connections for statements that write; for SQLite a single one, which only {@link #writer()} uses. */
    DataSource writes() {
        return writes;
    }

    /** How the stores' writes reach {@link #writes()}: for SQLite, several to one commit. */
    Writer writer() {
        return writer;
    }

    /** Connections for statements that only read; the writers' pool when the dialect shares it. */
    DataSource reads() {
        return reads;
    }

    /** Connections outside the pools, for a holder that keeps one for long (a LISTEN). */
    DataSource unpooled() {
        return unpooled;
    }

    /** The URL with its password masked, for messages. */
    String shownUrl() {
        return shownUrl;
    }

    boolean isClosed() {
        return writes.isClosed();
    }

    /** Closes the pools, giving statements in flight a moment to finish; later store calls fail with a {@link JdbcStoreException}. */
    @Override
    public void close() {
        // Writes already handed in are committed (and their callers answered) before the pools go.
        writer.close();
        if (reads != writes) {
            reads.close();
        }
        writes.close();
        LOG.info("closed database {}", shownUrl);
    }

    @Override
    public String toString() {
        return "JdbcDatabase[" + shownUrl + "]";
    }
}
