package dev.gatehouse.jdbc;

import dev.gatehouse.testing.RequiredService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * A PostgreSQL schema of one test class's own: created before its first test, dropped with all it
 * holds after its last, so that test classes may run in parallel and leave nothing behind.
 * Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresTestDatabase postgres = new PostgresTestDatabase();
 * }</pre>
 *
 * <p>The server is {@value #URL_VARIABLE} (a JDBC URL without {@code currentSchema}), by default
 * the machine's {@value #DEFAULT_URL}. When it cannot be reached the class is skipped, saying so;
 * under {@code CI=true} it fails instead, so that CI never passes without having run these tests.
 */
final class PostgresTestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    static final String URL_VARIABLE = "GATEHOUSE_TEST_PG_URL";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final String HISTORY_TABLE = "flyway_schema_history";

    private final String serverUrl = serverUrl();
    private final String schema = randomSchemaName();
    private boolean created;
    private String unreachable;
    private boolean emptyOnNextOpen;

    /** The server's URL: {@value #URL_VARIABLE}, or the machine's own PostgreSQL. */
    static String serverUrl() {
        String configured = System.getenv(URL_VARIABLE);
        String url = configured == null || configured.isBlank() ? DEFAULT_URL : configured.strip();
        if (url.contains("currentSchema=")) {
            throw new IllegalStateException(URL_VARIABLE + " must not name a currentSchema: each test class makes its own");
        }
        return url;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try (Connection connection = connectTo(serverUrl); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            created = true;
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("08")) {
                throw new IllegalStateException("cannot create the test schema " + schema + ": SQLState " + e.getSQLState(), e);
            }
            String reason = "PostgreSQL at " + JdbcUrls.redact(serverUrl) + " cannot be reached (SQLState " + e.getSQLState()
                    + "); start it or point " + URL_VARIABLE + " at one";
            if (RequiredService.onCi()) {
                throw RequiredService.missing(reason, e);
            }
            // Skipped test by test rather than the class at once, so that the report counts them as skipped.
            unreachable = reason;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeReachable();
        startTest();
    }

    /** Skips the running test, saying why, when the server could not be reached (under CI=true the class already failed). */
    void assumeReachable() {
        Assumptions.assumeTrue(unreachable == null, () -> unreachable);
    }

    /** A test starts: its first {@link #open} empties the tables. */
    void startTest() {
        emptyOnNextOpen = true;
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (!created) {
            return;
        }
        try (Connection connection = connectTo(serverUrl); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** The schema's name, unique to this test class. */
    String schema() {
        return schema;
    }

    /** The URL of this class's schema on the server. */
    String url() {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * Opens this class's schema as a {@link JdbcDatabase}, migrating it the first time. The first
     * open in each test empties every table first, as a new SQLite file would be; later opens in
     * the same test find what the test stored.
     */
    JdbcDatabase open() {
        if (emptyOnNextOpen) {
            emptyTables();
            emptyOnNextOpen = false;
        }
        return JdbcDatabase.open(url());
    }

    /** A connection of its own, outside any pool, for what a test does behind the stores' back. */
    Connection connect() throws SQLException {
        return connectTo(url());
    }

    private static String randomSchemaName() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return "gh_test_" + HexFormat.of().formatHex(random);
    }

    private static Connection connectTo(String url) throws SQLException {
        // Defaults only: whatever the URL says wins. Without a login timeout an unreachable
        // address would hang here instead of skipping.
        Properties defaults = new Properties();
        defaults.setProperty("connectTimeout", "5");
        defaults.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(url, defaults);
    }

    private void emptyTables() {
        try (Connection connection = connect();
             PreparedStatement tables = connection.prepareStatement(
                     "SELECT tablename FROM pg_tables WHERE schemaname = ? AND tablename <> ?")) {
            tables.setString(1, schema);
            tables.setString(2, HISTORY_TABLE);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = tables.executeQuery()) {
                while (rows.next()) {
                    names.add('"' + rows.getString(1) + '"');
                }
            }
            if (!names.isEmpty()) {
                try (Statement truncate = connection.createStatement()) {
                    truncate.execute("TRUNCATE " + String.join(", ", names));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test schema " + schema, e);
        }
    }
}
