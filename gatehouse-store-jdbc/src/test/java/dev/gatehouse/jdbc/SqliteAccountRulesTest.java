package dev.gatehouse.jdbc;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteAccountRulesTest extends JdbcAccountRulesTest {
    @TempDir
    Path dir;

    @Override
    protected JdbcDatabase openDatabase() {
        return JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("gatehouse.db"));
    }
}
