package dev.gatehouse.jdbc;

import dev.gatehouse.core.user.UserStore;
import dev.gatehouse.tck.UserStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The user store contract on a SQL database; a subclass says which database. */
abstract class JdbcUserStoreTest extends UserStoreContract {
    protected JdbcDatabase database;

    /** Opens this test's database: empty at the first call of each test, as stored since on later ones. */
    protected abstract JdbcDatabase openDatabase();

    @Override
    protected UserStore newStore() {
        database = openDatabase();
        return new JdbcUserStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
