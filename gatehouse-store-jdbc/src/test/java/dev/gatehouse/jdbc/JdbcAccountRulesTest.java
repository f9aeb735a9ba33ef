package dev.gatehouse.jdbc;

import dev.gatehouse.tck.AccountRulesContract;
import org.junit.jupiter.api.AfterEach;

/** The account rules on the four stores of one SQL database; a subclass says which database. */
abstract class JdbcAccountRulesTest extends AccountRulesContract {
    private JdbcDatabase database;

    /** Opens this test's database, empty. */
    protected abstract JdbcDatabase openDatabase();

    @Override
    protected Stores newStores() {
        database = openDatabase();
        return new Stores(new JdbcUserStore(database), new JdbcSessionStore(database), new JdbcRefreshTokenStore(database),
                new JdbcRevocationStore(database));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
