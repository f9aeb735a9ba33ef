package dev.gatehouse.jdbc;

import dev.gatehouse.core.user.UserStore;
import dev.gatehouse.tck.UserStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteUserStoreTest extends UserStoreContract {
    @TempDir
    Path dir;

    private JdbcDatabase database;

    @Override
    protected UserStore newStore() {
        database = JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("gatehouse.db"));
        return new JdbcUserStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
