package dev.gatehouse.jdbc;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The databases of an {@link SqlMatrix} class: a new SQLite file for each test, and the class's
 * own PostgreSQL schema, emptied before each test. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SqlDatabases databases = new SqlDatabases();
 * }</pre>
 *
 * <p>An unreachable PostgreSQL skips only the PostgreSQL runs (and fails them under
 * {@code CI=true}); the SQLite runs go on.
 */
final class SqlDatabases implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private final PostgresTestDatabase postgres = new PostgresTestDatabase();
    private Path sqliteDirectory;

    @Override
    public void beforeAll(ExtensionContext context) {
        postgres.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        postgres.startTest();
        sqliteDirectory = Files.createTempDirectory("gatehouse-sqlite-test");
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try (Stream<Path> files = Files.walk(sqliteDirectory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        postgres.afterAll(context);
    }

    /**
     * Opens the test's database, migrated: empty at the first call of each test, as stored since on
     * later ones (a restart on the same data).
     */
    JdbcDatabase open(SqlDatabase database) {
        return switch (database) {
            case SQLITE -> JdbcDatabase.open(sqliteUrl());
            case POSTGRES -> {
                postgres.assumeReachable();
                yield postgres.open();
            }
        };
    }

    /** A connection of its own, outside any pool, for what a test does behind the stores' back. */
    Connection connect(SqlDatabase database) throws SQLException {
        return switch (database) {
            case SQLITE -> DriverManager.getConnection(sqliteUrl());
            case POSTGRES -> postgres.connect();
        };
    }

    private String sqliteUrl() {
        if (sqliteDirectory == null) {
            throw new UncheckedIOException(new IOException("no test is running"));
        }
        return "jdbc:sqlite:" + sqliteDirectory.resolve("gatehouse.db");
    }
}
