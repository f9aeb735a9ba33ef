package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.AuthorizationCodeStore;
import dev.gatehouse.tck.AuthorizationCodeStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

/** The authorization code store contract on a SQL database, once on each database. */
@SqlMatrix
class JdbcAuthorizationCodeStoreTest extends AuthorizationCodeStoreContract {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    private JdbcDatabase database;

    @Override
    protected AuthorizationCodeStore newStore() {
        database = databases.open(kind);
        return new JdbcAuthorizationCodeStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
