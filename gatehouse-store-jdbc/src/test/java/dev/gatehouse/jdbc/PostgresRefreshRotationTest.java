package dev.gatehouse.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRefreshRotationTest extends JdbcRefreshRotationTest {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    protected JdbcDatabase openDatabase() {
        return postgres.open();
    }
}
