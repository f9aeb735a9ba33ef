package dev.gatehouse.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

class PostgresKeyStoreTest extends JdbcKeyStoreTest {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Override
    protected JdbcDatabase openDatabase() {
        return postgres.open();
    }

    @Override
    protected void refuseInsertsOf(String kid) throws SQLException {
        try (Connection raw = postgres.connect(); Statement statement = raw.createStatement()) {
            statement.execute("CREATE FUNCTION refuse_kid() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN RAISE EXCEPTION 'refused'; END $$");
            statement.execute("CREATE TRIGGER refuse_kid BEFORE INSERT ON signing_keys FOR EACH ROW "
                    + "WHEN (NEW.kid = '" + kid + "') EXECUTE FUNCTION refuse_kid()");
        }
    }

    /** The schema outlives the test, unlike a SQLite file: the trigger must not refuse the next test's keys. */
    @AfterEach
    void dropTrigger() throws SQLException {
        try (Connection raw = postgres.connect(); Statement statement = raw.createStatement()) {
            statement.execute("DROP FUNCTION IF EXISTS refuse_kid() CASCADE");
        }
    }
}
