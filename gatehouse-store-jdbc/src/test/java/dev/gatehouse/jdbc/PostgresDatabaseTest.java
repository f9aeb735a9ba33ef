package dev.gatehouse.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A {@link JdbcDatabase} on a real PostgreSQL server: its schema, its pool, its timeouts, its failures. */
class PostgresDatabaseTest {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    private JdbcDatabase database;

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theTablesGoIntoTheSchemaTheUrlNames() throws SQLException {
        database = postgres.open();

        try (Connection c = database.reads().getConnection()) {
            assertThat(queryStrings(c, "SELECT current_schema()")).containsExactly(postgres.schema());
            assertThat(queryStrings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                    + postgres.schema() + "'")).contains("users", "sessions", "refresh_tokens", "signing_keys", "flyway_schema_history");
        }
    }

    @Test
    void readsAndWritesShareOnePoolOfTen() {
        database = postgres.open();

        assertThat(database.dialect()).isSameAs(SqlDialect.POSTGRES);
        assertThat(database.reads()).isSameAs(database.writes());
        assertThat(((HikariDataSource) database.writes()).getMaximumPoolSize()).isEqualTo(10);
    }

    @Test
    void everyPooledConnectionCarriesTheTimeouts() throws SQLException {
        database = postgres.open();
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < SqlDialect.POSTGRES.poolSizes().writers(); i++) {
                held.add(database.writes().getConnection());
            }
            for (Connection c : held) {
                assertThat(queryStrings(c, "SHOW statement_timeout")).containsExactly("5s");
                assertThat(queryStrings(c, "SHOW idle_in_transaction_session_timeout")).containsExactly("10s");
                assertThat(c.getNetworkTimeout()).as("the socket timeout, in ms").isEqualTo(10_000);
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void aStatementOverItsTimeIsCancelledAndFailsWithAStoreException() throws SQLException {
        // The URL's options come after the defaults, so this shorter timeout wins: the test need not wait 5 s.
        database = JdbcDatabase.open(postgres.url() + "&options=-c%20statement_timeout%3D100");
        try (Connection c = database.reads().getConnection()) {
            assertThat(queryStrings(c, "SHOW statement_timeout")).containsExactly("100ms");
        }
        Sql sql = new Sql(database, "test store");

        assertThatThrownBy(() -> sql.count("wait for a slow server", "SELECT COUNT(*) FROM pg_sleep(30)", s -> { }))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessage("test store: wait for a slow server failed: SQLState 57014");
    }

    @Test
    void constraintViolationsAreToldApartAndDescribedWithoutTheirValues() throws SQLException {
        database = postgres.open();
        try (Connection c = database.writes().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id, email, role, password_hash, created_at, updated_at) "
                    + "VALUES ('u1', 'alice@example.com', 'common', 'h', 0, 0)");
            SQLException duplicate = catchThrowableOfType(SQLException.class, () -> s.execute(
                    "INSERT INTO users (id, email, role, password_hash, created_at, updated_at) "
                            + "VALUES ('u2', 'alice@example.com', 'common', 'h', 0, 0)"));
            SQLException orphan = catchThrowableOfType(SQLException.class, () -> s.execute(
                    "INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at) VALUES ('s1', 'secret-hash', 'nobody', 0, 0)"));

            assertThat(duplicate.getMessage()).as("the driver's own text quotes the value").contains("alice@example.com");
            assertThat(SqlDialect.POSTGRES.isUniqueViolation(duplicate)).isTrue();
            assertThat(SqlDialect.POSTGRES.describe(duplicate)).isEqualTo("SQLState 23505");
            assertThat(SqlDialect.POSTGRES.isForeignKeyViolation(orphan)).isTrue();
            assertThat(SqlDialect.POSTGRES.isUniqueViolation(orphan)).isFalse();
            assertThat(SqlDialect.POSTGRES.describe(orphan)).isEqualTo("SQLState 23503");
        }
    }

    @Test
    void aServerThatDropsEveryConnectionFailsClosedThenRecoversByItself() throws SQLException {
        database = postgres.open();
        JdbcUserStore users = new JdbcUserStore(database);
        int poolSize = SqlDialect.POSTGRES.poolSizes().writers();
        List<Integer> pids = new ArrayList<>();
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < poolSize; i++) {
                held.add(database.writes().getConnection());
                pids.add(Integer.valueOf(queryStrings(held.getLast(), "SELECT pg_backend_pid()").getFirst()));
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        try (Connection admin = postgres.connect();
             PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
            for (int pid : pids) {
                terminate.setInt(1, pid);
                terminate.execute();
            }
        }

        // Each dead connection the pool hands out fails one call, as a JdbcStoreException, and is
        // dropped; one the pool finds dead first it drops unseen. Then new connections serve.
        int failures = 0;
        boolean answered = false;
        while (!answered && failures <= poolSize) {
            try {
                assertThat(users.count()).isZero();
                answered = true;
            } catch (JdbcStoreException e) {
                assertThat(e).hasMessageStartingWith("user store: count users failed: ");
                failures++;
            }
        }
        assertThat(answered).as("answered again after %d failures, with no restart", failures).isTrue();
    }

    @Test
    void theSchemaIsSqlitesTableForTableColumnForColumnIndexForIndex(@TempDir Path dir) throws SQLException {
        database = postgres.open();
        try (JdbcDatabase sqlite = JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("gatehouse.db"));
             Connection s = sqlite.reads().getConnection();
             Connection p = database.reads().getConnection()) {
            String pgSchema = "'" + postgres.schema() + "'";
            assertThat(queryStrings(p, "SELECT table_name || '.' || column_name || (CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END) "
                    + "FROM information_schema.columns WHERE table_schema = " + pgSchema + " AND table_name <> 'flyway_schema_history'"))
                    .containsExactlyInAnyOrderElementsOf(queryStrings(s, "SELECT m.name || '.' || c.name || (CASE WHEN c.\"notnull\" THEN ' NOT NULL' ELSE '' END) "
                            + "FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name <> 'flyway_schema_history' "
                            // SQLite's own bookkeeping (AUTOINCREMENT keeps its counters in sqlite_sequence)
                            + "AND m.name <> 'sqlite_sequence'"));
            // The indexes the migrations create by name, unique or not; those behind a PRIMARY KEY or
            // UNIQUE constraint are named by each database its own way, and the columns above cover them.
            assertThat(queryStrings(p, "SELECT c.relname || (CASE WHEN i.indisunique THEN ' UNIQUE' ELSE '' END) "
                    + "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = " + pgSchema + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
                    + "AND c.relname NOT LIKE 'flyway_schema_history%'"))
                    .containsExactlyInAnyOrderElementsOf(queryStrings(s, "SELECT m.name || (CASE WHEN l.\"unique\" THEN ' UNIQUE' ELSE '' END) "
                            + "FROM sqlite_master m JOIN pragma_index_list(m.tbl_name) l ON l.name = m.name "
                            + "WHERE m.type = 'index' AND m.sql IS NOT NULL AND m.tbl_name <> 'flyway_schema_history'"));
        }
    }

    private static List<String> queryStrings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
