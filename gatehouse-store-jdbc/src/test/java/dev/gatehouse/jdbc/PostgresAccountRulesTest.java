package dev.gatehouse.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAccountRulesTest extends JdbcAccountRulesTest {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    protected JdbcDatabase openDatabase() {
        return postgres.open();
    }
}
