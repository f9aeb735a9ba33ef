package dev.gatehouse.jdbc;

import dev.gatehouse.core.token.RefreshToken;
import dev.gatehouse.core.token.RefreshTokenStore;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.tck.RefreshTokenStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteRefreshTokenStoreTest extends RefreshTokenStoreContract {
    @TempDir
    Path dir;

    private JdbcDatabase database;
    private JdbcUserStore users;
    private int userNumber;

    @Override
    protected RefreshTokenStore newStore() {
        database = JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("gatehouse.db"));
        users = new JdbcUserStore(database);
        return new JdbcRefreshTokenStore(database);
    }

    @Override
    protected UUID existingUser() {
        userNumber++;
        User user = new User(UUID.randomUUID(), Optional.of("user" + userNumber + "@example.com"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Role.COMMON, "$argon2id$test", clock.instant(),
                clock.instant());
        assertThat(users.insert(user)).isTrue();
        return user.id();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void deletingAUserDeletesTheirRefreshTokens() {
        UUID alice = existingUser();
        UUID bob = existingUser();
        RefreshToken alices = token(alice);
        RefreshToken bobs = token(bob);
        store.insert(alices);
        store.insert(bobs);

        assertThat(users.delete(alice)).isTrue();

        assertThat(store.findById(alices.id())).isEmpty();
        assertThat(store.findByTokenHash(alices.tokenHash())).isEmpty();
        assertThat(store.findById(bobs.id())).contains(bobs);
    }

    @Test
    void aTokenForAnUnknownUserIsRefused() {
        RefreshToken orphan = token(UUID.randomUUID());

        assertThatThrownBy(() -> store.insert(orphan))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("user does not exist");

        assertThat(store.findById(orphan.id())).isEmpty();
    }

    @Test
    void tokensSurviveReopeningTheDatabase() {
        RefreshToken token = token(existingUser());
        store.insert(token);
        store.markSpent(token.id(), clock.instant(), UUID.randomUUID());
        RefreshToken spent = store.findById(token.id()).orElseThrow();
        database.close();

        database = JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("gatehouse.db"));
        RefreshTokenStore reopened = new JdbcRefreshTokenStore(database);

        assertThat(reopened.findByTokenHash(token.tokenHash())).contains(spent);
    }

    @Test
    void aClosedDatabaseFailsClosedWithAStoreException() {
        RefreshToken token = token(existingUser());
        store.insert(token);
        database.close();

        assertThatThrownBy(() -> store.findByTokenHash(token.tokenHash())).isInstanceOf(StoreException.class)
                .hasMessageContaining("refresh token store").hasMessageNotContaining(token.tokenHash());
        assertThatThrownBy(() -> store.markSpent(token.id(), clock.instant(), UUID.randomUUID())).isInstanceOf(StoreException.class);
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
