package dev.gatehouse.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** SQLite's query planner finds an index for every query the stores run often. */
class SqliteQueryPlansTest {
    @TempDir
    Path dir;
    private JdbcDatabase database;

    @BeforeEach
    void open() {
        database = JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("gatehouse.db"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void schemaHasTheIndexesTheQueriesNeed() throws SQLException {
        assertThat(plan("SELECT * FROM refresh_tokens WHERE token_hash = 'x'")).contains("refresh_tokens_token_hash");
        assertThat(plan("UPDATE refresh_tokens SET state = 'REVOKED' WHERE state = 'ACTIVE' AND family_id = 'x'"))
                .contains("refresh_tokens_family_id_issued_at");
        assertThat(plan("SELECT * FROM refresh_tokens WHERE family_id = 'x' ORDER BY issued_at, id"))
                .contains("refresh_tokens_family_id_issued_at").doesNotContain("TEMP B-TREE");
        assertThat(plan("UPDATE refresh_tokens SET state = 'REVOKED' WHERE state = 'ACTIVE' AND user_id = 'x'"))
                .contains("refresh_tokens_user_id");
        assertThat(plan("UPDATE refresh_tokens SET state = 'REVOKED' WHERE state = 'ACTIVE' AND session_id = 'x'"))
                .contains("refresh_tokens_session_id");
        assertThat(plan("DELETE FROM refresh_tokens WHERE family_expires_at <= 1 OR (expires_at <= 1 AND state <> 'SPENT')"))
                .contains("refresh_tokens_family_expires_at", "refresh_tokens_expires_at");
        assertThat(plan("DELETE FROM revoked_jtis WHERE expires_at <= 1")).contains("revoked_jtis_expires_at");
        assertThat(plan("SELECT COUNT(*) FROM revoked_jtis WHERE jti = 'x' AND expires_at > 1")).contains("revoked_jtis");
        try (Connection c = database.reads().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT \"unique\" FROM pragma_index_list('refresh_tokens') WHERE name = 'refresh_tokens_token_hash'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(1);
        }
    }

    private String plan(String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = database.reads().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (r.next()) {
                plan.append(r.getString("detail")).append('\n');
            }
        }
        return plan.toString();
    }
}
