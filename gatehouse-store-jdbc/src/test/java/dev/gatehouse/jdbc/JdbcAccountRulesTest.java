package dev.gatehouse.jdbc;

import dev.gatehouse.tck.AccountRulesContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

/** The account rules on the four stores of one SQL database; once on each database. */
@SqlMatrix
class JdbcAccountRulesTest extends AccountRulesContract {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    private JdbcDatabase database;

    /** Opens this test's database, empty. */
    protected JdbcDatabase openDatabase() {
        return databases.open(kind);
    }

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
