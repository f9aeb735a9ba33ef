package dev.gatehouse.jdbc;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** SQLite through xerial's sqlite-jdbc. */
final class SqliteDialect implements SqlDialect {
    private static final String PREFIX = "jdbc:sqlite:";
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;
    /**
     * In a class of its own so that loading this dialect (as every start does, to read the URL)
     * needs no driver: an application that ships only PostgreSQL's runs without SQLite's.
     */
    private static final class ErrorCodes {
        static final Set<SQLiteErrorCode> UNIQUE = Set.of(
                SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE, SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
    }

    SqliteDialect() {
    }

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith(PREFIX);
    }

    @Override
    public void prepare(String jdbcUrl) throws IOException {
        Path file = databaseFile(jdbcUrl).orElseThrow(() -> new IllegalArgumentException(
                "the SQLite database " + JdbcUrls.redact(jdbcUrl) + " is not a file: an in-memory database is private to "
                        + "one connection and cannot be pooled; use a file, or STORE=memory"));
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
    }

    /**
     * The file a SQLite URL names, or empty when it names no file (in memory, a temporary
     * database, a read-only class path resource).
     */
    static Optional<Path> databaseFile(String jdbcUrl) {
        String location = jdbcUrl.substring(PREFIX.length());
        int query = location.indexOf('?');
        String parameters = query < 0 ? "" : location.substring(query + 1);
        if (query >= 0) {
            location = location.substring(0, query);
        }
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
            if (location.startsWith("//")) {
                location = location.substring(2);
            }
        }
        if (location.isEmpty() || location.startsWith(":memory:") || location.startsWith(":resource:")
                || parameters.contains("mode=memory")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(location));
    }

    @Override
    public DataSource dataSource(String jdbcUrl) {
        SQLiteConfig config = new SQLiteConfig();
        // WAL lets readers run beside the one writer; FULL syncs the WAL on every commit, so a
        // committed write survives a crash or power cut, not only the death of the process.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // Off by default in SQLite, per connection: without it ON DELETE CASCADE does nothing.
        config.enforceForeignKeys(true);
        // Another process (the CLI beside the server) may hold the write lock for a moment.
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(jdbcUrl);
        return dataSource;
    }

    @Override
    public PoolSizes poolSizes() {
        // SQLite lets one connection write at a time. A single writer makes writers queue in the
        // pool, fairly and at once, instead of in SQLite's sleeping busy handler; readers do not
        // block anyone under WAL, so they get a pool of their own, as wide as the CPUs allow.
        int readers = Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 8);
        return new PoolSizes(1, OptionalInt.of(readers));
    }

    /** Several callers' writes to one commit: each commit is an fsync, and only one runs at a time. */
    @Override
    public String migrationLocation() {
        return "classpath:db/migration/sqlite";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return e instanceof SQLiteException s && ErrorCodes.UNIQUE.contains(s.getResultCode());
    }

    @Override
    public boolean isForeignKeyViolation(SQLException e) {
        return e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY;
    }

    @Override
    public String describe(SQLException e) {
        if (e instanceof SQLiteException s) {
            return s.getResultCode().name();
        }
        return "SQLState " + e.getSQLState() + ", error code " + e.getErrorCode();
    }

    @Override
    public String toString() {
        return name();
    }
}
