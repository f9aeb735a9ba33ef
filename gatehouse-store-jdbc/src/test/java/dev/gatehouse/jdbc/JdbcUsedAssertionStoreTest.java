package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.UsedAssertionStore;
import dev.gatehouse.tck.UsedAssertionStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

/** The used assertion store contract on a SQL database, once on each. */
@SqlMatrix
class JdbcUsedAssertionStoreTest extends UsedAssertionStoreContract {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    private JdbcDatabase database;

    @Override
    protected UsedAssertionStore newStore() {
        database = databases.open(kind);
        return new JdbcUsedAssertionStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
