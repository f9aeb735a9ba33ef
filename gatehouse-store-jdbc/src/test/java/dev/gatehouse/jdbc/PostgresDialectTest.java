package dev.gatehouse.jdbc;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the PostgreSQL dialect decides without a server; {@link PostgresDatabaseTest} has the server's side. */
class PostgresDialectTest {
    private static final String URL = "jdbc:postgresql://db.example.com:5432/gatehouse?user=gh&password=hunter2";

    @Test
    void picksTheDialectByUrl() {
        assertThat(SqlDialect.forUrl(URL)).isSameAs(SqlDialect.POSTGRES);
        assertThat(SqlDialect.forUrl("jdbc:postgresql:gatehouse")).isSameAs(SqlDialect.POSTGRES);
        assertThat(SqlDialect.forUrl("jdbc:sqlite:gh.db")).isSameAs(SqlDialect.SQLITE);
        assertThat(SqlDialect.POSTGRES.accepts("jdbc:postgres://db/gh")).as("not the driver's prefix").isFalse();
    }

    @Test
    void anUnsupportedUrlNamesBothKindsWithoutItsPassword() {
        assertThatThrownBy(() -> SqlDialect.forUrl("jdbc:mysql://db/gh?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:sqlite:").hasMessageContaining("jdbc:postgresql://")
                .hasMessageContaining("password=***").hasMessageNotContaining("hunter2");
    }

    @Test
    void aUrlTheDriverCannotReadIsRefusedWithoutItsPassword() {
        assertThatThrownBy(() -> SqlDialect.POSTGRES.prepare("jdbc:postgresql://db:notaport/gh?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://db:notaport/gh?password=***").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> JdbcDatabase.open("jdbc:postgresql://db:notaport/gh?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
    }

    @Test
    void readsAndWritesShareOnePoolOfTen() {
        SqlDialect.PoolSizes sizes = SqlDialect.POSTGRES.poolSizes();

        assertThat(sizes.writers()).isEqualTo(10);
        assertThat(sizes.readers()).isEmpty();
    }

    @Test
    void everyConnectionGetsTheTimeouts() {
        PGSimpleDataSource dataSource = (PGSimpleDataSource) SqlDialect.POSTGRES.dataSource(URL);

        assertThat(dataSource.getConnectTimeout()).isEqualTo(5);
        assertThat(dataSource.getLoginTimeout()).isEqualTo(5);
        assertThat(dataSource.getSocketTimeout()).isEqualTo(10);
        assertThat(dataSource.getOptions()).isEqualTo("-c statement_timeout=5000 -c idle_in_transaction_session_timeout=10000");
        assertThat(dataSource.getServerNames()).containsExactly("db.example.com");
        assertThat(dataSource.getDatabaseName()).isEqualTo("gatehouse");
        assertThat(dataSource.getUser()).isEqualTo("gh");
        assertThat(dataSource.getPassword()).isEqualTo("hunter2");
    }

    @Test
    void whatTheUrlSaysWinsOverTheDefaults() {
        PGSimpleDataSource dataSource = (PGSimpleDataSource) SqlDialect.POSTGRES.dataSource(
                URL + "&socketTimeout=42&currentSchema=auth&options=-c%20statement_timeout%3D30000");

        assertThat(dataSource.getSocketTimeout()).isEqualTo(42);
        assertThat(dataSource.getConnectTimeout()).isEqualTo(5);
        assertThat(dataSource.getCurrentSchema()).isEqualTo("auth");
        // The server applies -c settings in order, so the URL's, last, win.
        assertThat(dataSource.getOptions()).endsWith(" -c statement_timeout=30000");
    }

    @Test
    void tellsConstraintViolationsBySqlState() {
        SQLException unique = new PSQLException("duplicate key value violates unique constraint", PSQLState.UNIQUE_VIOLATION);
        SQLException foreignKey = new PSQLException("violates foreign key constraint", PSQLState.FOREIGN_KEY_VIOLATION);
        SQLException other = new PSQLException("canceling statement due to statement timeout", PSQLState.QUERY_CANCELED);

        assertThat(SqlDialect.POSTGRES.isUniqueViolation(unique)).isTrue();
        assertThat(SqlDialect.POSTGRES.isForeignKeyViolation(unique)).isFalse();
        assertThat(SqlDialect.POSTGRES.isForeignKeyViolation(foreignKey)).isTrue();
        assertThat(SqlDialect.POSTGRES.isUniqueViolation(foreignKey)).isFalse();
        assertThat(SqlDialect.POSTGRES.isUniqueViolation(other)).isFalse();
        assertThat(SqlDialect.POSTGRES.isForeignKeyViolation(other)).isFalse();
    }

    @Test
    void describesAnErrorByItsSqlStateAlone() {
        SQLException e = new PSQLException("Key (email)=(alice@example.com) already exists.", PSQLState.UNIQUE_VIOLATION);

        assertThat(SqlDialect.POSTGRES.describe(e)).isEqualTo("SQLState 23505");
    }
}
