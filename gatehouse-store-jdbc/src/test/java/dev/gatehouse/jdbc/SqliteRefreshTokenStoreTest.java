package dev.gatehouse.jdbc;

import dev.gatehouse.core.token.RefreshToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteRefreshTokenStoreTest extends JdbcRefreshTokenStoreTest {
    @TempDir
    Path dir;

    @Override
    protected JdbcDatabase openDatabase() {
        return JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("gatehouse.db"));
    }

    @Test
    void aRotationThatLosesTheSpendLeavesNoSuccessorBehind() {
        RefreshToken current = token(existingUser());
        store.insert(current);
        store.revokeFamily(current.familyId());
        RefreshToken successor = RefreshToken.active(UUID.randomUUID(), "successor-hash-0123456789abcdef", current.familyId(),
                current.userId(), current.sessionId(), clock.instant(), clock.instant().plusSeconds(3600), current.familyExpiresAt());

        assertThat(store.rotate(successor, current.id(), clock.instant())).isFalse();

        assertThat(store.findById(successor.id())).as("one transaction: the insert went back with the lost spend").isEmpty();
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
