package dev.gatehouse.jdbc;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcDatabaseTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.123Z");

    @TempDir
    Path dir;

    @Test
    void dataSurvivesClosingAndReopening() throws SQLException {
        String url = urlOf(dir.resolve("gatehouse.db"));
        User alice = user("alice@example.com");
        Session session = new Session(UUID.randomUUID(), "hash", alice.id(), NOW, NOW, Optional.of(NOW.plusSeconds(60)),
                Optional.empty(), Optional.of("agent"), Optional.empty());
        long migrationsRun;
        try (JdbcDatabase db = JdbcDatabase.open(url)) {
            assertThat(new JdbcUserStore(db).insert(alice)).isTrue();
            new JdbcSessionStore(db).insert(session);
            migrationsRun = queryLong(db.reads(), "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1");
        }

        try (JdbcDatabase db = JdbcDatabase.open(url)) {
            assertThat(new JdbcUserStore(db).findByEmail("alice@example.com")).contains(alice);
            assertThat(new JdbcSessionStore(db).findByTokenHash("hash")).contains(session);
            // The second start found the schema current and ran nothing.
            assertThat(migrationsRun).isPositive();
            assertThat(queryLong(db.reads(), "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1")).isEqualTo(migrationsRun);
        }
    }

    @Test
    void aSqliteFileIsNewUntilTheDatabaseIsOpened() {
        String url = urlOf(dir.resolve("data/gatehouse.db"));
        assertThat(JdbcDatabase.isNewSqliteFile(url)).isTrue();

        JdbcDatabase.open(url).close();

        assertThat(JdbcDatabase.isNewSqliteFile(url)).isFalse();
        assertThat(JdbcDatabase.isNewSqliteFile("jdbc:sqlite::memory:")).as("names no file").isFalse();
        assertThat(JdbcDatabase.isNewSqliteFile("jdbc:postgresql://127.0.0.1:5432/test")).as("cannot be told").isFalse();
    }

    @Test
    void pragmasAreInForceOnEveryPooledConnection() throws SQLException {
        try (JdbcDatabase db = JdbcDatabase.open(urlOf(dir.resolve("gatehouse.db")))) {
            int readers = SqlDialect.SQLITE.poolSizes().readers().orElseThrow();
            List<Connection> held = new ArrayList<>();
            try {
                held.add(db.writes().getConnection());
                for (int i = 0; i < readers; i++) {
                    held.add(db.reads().getConnection());
                }
                for (Connection c : held) {
                    assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
                    assertThat(pragma(c, "synchronous")).as("2 is FULL").isEqualTo("2");
                    assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
                    assertThat(pragma(c, "busy_timeout")).isEqualTo("5000");
                }
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void readsAndWritesUseSeparatePoolsWithOneWriter() {
        try (JdbcDatabase db = JdbcDatabase.open(urlOf(dir.resolve("gatehouse.db")))) {
            assertThat(db.reads()).isNotSameAs(db.writes());
            assertThat(((com.zaxxer.hikari.HikariDataSource) db.writes()).getMaximumPoolSize()).isEqualTo(1);
            assertThat(db.dialect()).isSameAs(SqlDialect.SQLITE);
        }
    }

    @Test
    void createsTheMissingDirectoryOfTheFile() {
        Path file = dir.resolve("nested/deeper/gatehouse.db");

        try (JdbcDatabase db = JdbcDatabase.open(urlOf(file))) {
            assertThat(new JdbcUserStore(db).count()).isZero();
        }

        assertThat(file).isRegularFile();
    }

    @Test
    void schemaHasTheIndexesTheQueriesNeed() throws SQLException {
        try (JdbcDatabase db = JdbcDatabase.open(urlOf(dir.resolve("gatehouse.db")))) {
            assertThat(plan(db, "SELECT * FROM sessions WHERE token_hash = 'x'")).contains("sessions_token_hash");
            assertThat(plan(db, "SELECT * FROM sessions WHERE user_id = 'x' ORDER BY created_at DESC"))
                    .contains("sessions_user_id_created_at").doesNotContain("TEMP B-TREE");
            assertThat(plan(db, "DELETE FROM sessions WHERE absolute_expiry <= 1 OR idle_expiry <= 1"))
                    .contains("sessions_absolute_expiry", "sessions_idle_expiry");
            assertThat(plan(db, "SELECT * FROM users ORDER BY created_at, id LIMIT 10")).doesNotContain("TEMP B-TREE");
            try (Connection c = db.reads().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT \"unique\" FROM pragma_index_list('sessions') WHERE name = 'sessions_token_hash'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void refusesAnInMemoryDatabase() {
        assertThatThrownBy(() -> JdbcDatabase.open("jdbc:sqlite::memory:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in-memory");
    }

    @Test
    void refusesAnUnsupportedUrlWithoutShowingItsPassword() {
        assertThatThrownBy(() -> JdbcDatabase.open("jdbc:mysql://db.example.com/gatehouse?user=gh&password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://db.example.com/gatehouse?user=gh&password=***")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsNamedInTheError() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "");

        assertThatThrownBy(() -> JdbcDatabase.open(urlOf(blocker.resolve("gatehouse.db"))))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("creating the directory of the database jdbc:sqlite:" + blocker.resolve("gatehouse.db") + " failed: ")
                .hasMessageContaining(blocker.toString());
    }

    @Test
    void aFileThatCannotBeOpenedNamesTheStepAndHidesThePassword() throws Exception {
        // A directory where the database file should be: SQLite cannot open it.
        Path directory = Files.createDirectory(dir.resolve("gatehouse.db"));
        String url = urlOf(directory) + "?password=hunter2";

        assertThatThrownBy(() -> JdbcDatabase.open(url))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("migrating the schema of the database " + urlOf(directory) + "?password=*** failed: ")
                .hasMessageContaining("SQLITE_CANTOPEN")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aClosedDatabaseFailsWithAMessageNamingTheOperation() {
        JdbcDatabase db = JdbcDatabase.open(urlOf(dir.resolve("gatehouse.db")));
        JdbcUserStore users = new JdbcUserStore(db);
        db.close();
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> users.findById(id))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessage("user store: find user by id failed: the database is closed");
    }

    @Test
    void aFailingStatementIsNamedWithoutItsValues() throws SQLException {
        try (JdbcDatabase db = JdbcDatabase.open(urlOf(dir.resolve("gatehouse.db")))) {
            try (Connection c = db.writes().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE sessions");
            }
            JdbcSessionStore sessions = new JdbcSessionStore(db);

            assertThatThrownBy(() -> sessions.findByTokenHash("secret-token-hash"))
                    .isInstanceOf(JdbcStoreException.class)
                    .hasMessage("session store: find session by token hash failed: SQLITE_ERROR")
                    .hasCauseInstanceOf(SQLException.class);
        }
    }

    @Test
    void aPostgresServerThatCannotBeReachedFailsTheOpenWithoutItsPassword() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // Closed again: nothing listens there, so the connection is refused at once.
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/gatehouse?user=gh&password=hunter2";

        assertThatThrownBy(() -> JdbcDatabase.open(url))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("migrating the schema of the database jdbc:postgresql://127.0.0.1:" + port
                        + "/gatehouse?user=gh&password=*** failed: ")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    @Timeout(60) // A guard, not a measure: without a login timeout the driver would wait for ever.
    void aPostgresServerThatNeverAnswersFailsTheOpenInsteadOfHanging() throws IOException {
        // Accepts connections (the kernel does) but never reads nor answers them, like a stalled network.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/gatehouse?user=gh";

            assertThatThrownBy(() -> JdbcDatabase.open(url))
                    .isInstanceOf(JdbcStoreException.class)
                    .hasMessageStartingWith("migrating the schema of the database " + url + " failed: ")
                    .hasMessageContaining("timed out");
        }
    }

    private static String urlOf(Path file) {
        return "jdbc:sqlite:" + file;
    }

    private static User user(String email) {
        return new User(UUID.randomUUID(), Optional.of(email), Optional.empty(), Optional.of("Ålice"), Optional.empty(),
                Optional.empty(), Role.ADMIN, "$argon2id$hash", NOW, NOW);
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
            assertThat(r.next()).isTrue();
            return r.getString(1);
        }
    }

    private static long queryLong(DataSource pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).isTrue();
            return r.getLong(1);
        }
    }

    private static String plan(JdbcDatabase db, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.reads().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (r.next()) {
                plan.append(r.getString("detail")).append('\n');
            }
        }
        return plan.toString();
    }
}
