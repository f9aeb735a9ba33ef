package dev.gatehouse.jdbc;

import dev.gatehouse.core.secrets.ServerSecretStore;
import dev.gatehouse.core.secrets.ServerSecrets;
import dev.gatehouse.tck.ServerSecretStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteServerSecretStoreTest extends ServerSecretStoreContract {
    @TempDir
    Path dir;

    private JdbcDatabase database;

    @Override
    protected ServerSecretStore newStore() {
        database = JdbcDatabase.open(url());
        return new JdbcServerSecretStore(database, Clock.systemUTC());
    }

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("gatehouse.db");
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aSecretSurvivesClosingAndReopeningTheDatabase() {
        byte[] made = new ServerSecrets(store).getOrCreate("token_service_secret", 64);
        database.close();

        database = JdbcDatabase.open(url());
        byte[] found = new ServerSecrets(new JdbcServerSecretStore(database, Clock.systemUTC())).getOrCreate("token_service_secret", 64);

        assertThat(found).isEqualTo(made);
    }

    @Test
    void twoDatabasesOnOneFileAgreeOnOneSecret() {
        try (JdbcDatabase other = JdbcDatabase.open(url())) {
            byte[] first = new ServerSecrets(store).getOrCreate("token_service_secret", 64);
            byte[] second = new ServerSecrets(new JdbcServerSecretStore(other, Clock.systemUTC())).getOrCreate("token_service_secret", 64);

            assertThat(second).isEqualTo(first);
        }
    }
}
