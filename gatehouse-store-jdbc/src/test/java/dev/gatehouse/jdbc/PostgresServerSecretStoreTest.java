package dev.gatehouse.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresServerSecretStoreTest extends JdbcServerSecretStoreTest {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    protected JdbcDatabase openDatabase() {
        return postgres.open();
    }
}
