package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.tck.RevocationStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The revocation store contract on a SQL database, and its data outliving the pool; once on each database. */
@SqlMatrix
class JdbcRevocationStoreTest extends RevocationStoreContract {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    protected JdbcDatabase database;

    /** Opens this test's database: empty at the first call of each test, as stored since on later ones. */
    protected JdbcDatabase openDatabase() {
        return databases.open(kind);
    }

    @Override
    protected RevocationStore newStore() {
        database = openDatabase();
        return new JdbcRevocationStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void revocationsSurviveReopeningTheDatabase() {
        UUID user = UUID.randomUUID();
        Instant expiry = clock.instant().plusSeconds(600);
        store.revokeJti("jti-1", expiry);
        store.setUserNotBefore(user, clock.instant());
        database.close();

        database = openDatabase();
        RevocationStore reopened = new JdbcRevocationStore(database);

        assertThat(reopened.isJtiRevoked("jti-1", clock.instant())).isTrue();
        assertThat(reopened.userNotBefore(user)).contains(clock.instant());
    }

    @Test
    void aClosedDatabaseFailsClosedWithAStoreException() {
        database.close();

        // Fail closed: the question "is it revoked?" is never answered "no" when it cannot be asked.
        assertThatThrownBy(() -> store.isJtiRevoked("jti-1", clock.instant())).isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("revocation store").hasMessageNotContaining("jti-1");
        assertThatThrownBy(() -> store.userNotBefore(UUID.randomUUID())).isInstanceOf(JdbcStoreException.class);
    }
}
