package dev.gatehouse.jdbc;

import dev.gatehouse.core.secrets.ServerSecrets;
import dev.gatehouse.core.spi.ServerSecretStore;
import dev.gatehouse.tck.ServerSecretStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server secret store contract on a SQL database, its data outliving the pool, and two pools
 * on one database (two servers) agreeing; once on each database.
 */
@SqlMatrix
class JdbcServerSecretStoreTest extends ServerSecretStoreContract {
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
    protected ServerSecretStore newStore() {
        database = openDatabase();
        return new JdbcServerSecretStore(database, Clock.systemUTC());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aSecretSurvivesClosingAndReopeningTheDatabase() {
        byte[] made = new ServerSecrets(store).getOrCreate("token_service_secret", 64);
        database.close();

        database = openDatabase();
        byte[] found = new ServerSecrets(new JdbcServerSecretStore(database, Clock.systemUTC())).getOrCreate("token_service_secret", 64);

        assertThat(found).isEqualTo(made);
    }

    @Test
    void twoPoolsOnOneDatabaseAgreeOnOneSecret() {
        try (JdbcDatabase other = openDatabase()) {
            byte[] first = new ServerSecrets(store).getOrCreate("token_service_secret", 64);
            byte[] second = new ServerSecrets(new JdbcServerSecretStore(other, Clock.systemUTC())).getOrCreate("token_service_secret", 64);

            assertThat(second).isEqualTo(first);
        }
    }
}
