package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.ClientStore;
import dev.gatehouse.tck.ClientStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

/** The client store contract on a SQL database, once on each database. */
@SqlMatrix
class JdbcClientStoreTest extends ClientStoreContract {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    private JdbcDatabase database;

    @Override
    protected ClientStore newStore() {
        database = databases.open(kind);
        return new JdbcClientStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
