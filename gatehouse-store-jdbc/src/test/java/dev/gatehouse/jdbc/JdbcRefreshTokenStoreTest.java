package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.RefreshToken;
import dev.gatehouse.core.spi.RefreshTokenStore;
import dev.gatehouse.tck.RefreshTokenStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The refresh token store contract on a SQL database, its foreign key to users, and its data
 * outliving the pool; once on each database.
 */
@SqlMatrix
class JdbcRefreshTokenStoreTest extends RefreshTokenStoreContract {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    protected JdbcDatabase database;
    private TestUsers users;

    /** Opens this test's database: empty at the first call of each test, as stored since on later ones. */
    protected JdbcDatabase openDatabase() {
        return databases.open(kind);
    }

    @Override
    protected RefreshTokenStore newStore() {
        database = openDatabase();
        users = new TestUsers(new JdbcUserStore(database), clock);
        return new JdbcRefreshTokenStore(database);
    }

    @Override
    protected UUID existingUser() {
        return users.next();
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

        database = openDatabase();
        RefreshTokenStore reopened = new JdbcRefreshTokenStore(database);

        assertThat(reopened.findByTokenHash(token.tokenHash())).contains(spent);
    }

    @Test
    void aClosedDatabaseFailsClosedWithAStoreException() {
        RefreshToken token = token(existingUser());
        store.insert(token);
        database.close();

        assertThatThrownBy(() -> store.findByTokenHash(token.tokenHash())).isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("refresh token store").hasMessageNotContaining(token.tokenHash());
        assertThatThrownBy(() -> store.markSpent(token.id(), clock.instant(), UUID.randomUUID())).isInstanceOf(JdbcStoreException.class);
    }

    @Test
    void aRotationThatLosesTheSpendLeavesNoActiveSuccessorBehind() {
        RefreshToken current = token(existingUser());
        store.insert(current);
        store.revokeFamily(current.familyId());
        RefreshToken successor = RefreshToken.active(UUID.randomUUID(), "successor-hash-0123456789abcdef", current.familyId(),
                current.userId(), current.sessionId(), clock.instant(), clock.instant().plusSeconds(3600), current.familyExpiresAt());

        assertThat(store.rotate(successor, current.id(), clock.instant())).isFalse();

        switch (kind) {
            // One transaction on SQLite: the insert went back with the lost spend.
            case SQLITE -> assertThat(store.findById(successor.id())).isEmpty();
            // Two steps elsewhere (RefreshTokenStore#rotate): the caller revokes the family, which ends the successor too.
            case POSTGRES -> {
                store.revokeFamily(current.familyId());
                assertThat(store.findById(successor.id())).map(RefreshToken::state).contains(RefreshToken.State.REVOKED);
            }
        }
    }
}
