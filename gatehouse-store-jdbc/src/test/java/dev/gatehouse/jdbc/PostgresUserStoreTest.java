package dev.gatehouse.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUserStoreTest extends JdbcUserStoreTest {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    protected JdbcDatabase openDatabase() {
        return postgres.open();
    }
}
