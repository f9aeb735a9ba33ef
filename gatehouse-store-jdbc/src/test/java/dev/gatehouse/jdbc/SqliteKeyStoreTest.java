package dev.gatehouse.jdbc;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

class SqliteKeyStoreTest extends JdbcKeyStoreTest {
    @TempDir
    Path dir;

    @Override
    protected JdbcDatabase openDatabase() {
        return JdbcDatabase.open(url());
    }

    @Override
    protected void refuseInsertsOf(String kid) throws SQLException {
        // The test's own file: the trigger goes with it.
        try (Connection raw = DriverManager.getConnection(url()); Statement statement = raw.createStatement()) {
            statement.execute("CREATE TRIGGER refuse_kid BEFORE INSERT ON signing_keys WHEN NEW.kid = '" + kid + "' "
                    + "BEGIN SELECT RAISE(ABORT, 'refused'); END");
        }
    }

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("gatehouse.db");
    }
}
