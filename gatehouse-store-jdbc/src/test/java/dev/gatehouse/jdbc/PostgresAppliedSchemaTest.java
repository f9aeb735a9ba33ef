package dev.gatehouse.jdbc;

import dev.gatehouse.jdbc.AppliedSchema.Verdict;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain-JDBC reading of Flyway's history on a real PostgreSQL server, in a schema of this class's own. */
class PostgresAppliedSchemaTest {
    private static final ClassLoader LOADER = JdbcDatabase.class.getClassLoader();

    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Test
    void aCurrentSchemaIsRecognisedAndOneWithoutItsLastMigrationIsMigrated() throws SQLException, IOException {
        List<AppliedSchema.Migration> bundled = AppliedSchema.bundled(SqlDialect.POSTGRES.migrationLocation(), LOADER).orElseThrow();
        dropEverything();
        Flyway.configure(LOADER).dataSource(SqlDialect.POSTGRES.dataSource(postgres.url()))
                .locations(SqlDialect.POSTGRES.migrationLocation())
                .target(bundled.get(bundled.size() - 2).version()).load().migrate();

        assertThat(check()).isInstanceOf(Verdict.NeedsFlyway.class);
        postgres.open().close();

        assertThat(check()).isEqualTo(new Verdict.Current(bundled.size()));
    }

    @Test
    void aFailedOrUnknownRowIsLeftToFlyway() throws SQLException {
        postgres.open().close();
        assertThat(check()).isInstanceOf(Verdict.Current.class);

        execute("INSERT INTO " + AppliedSchema.HISTORY_TABLE
                + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                + " VALUES (1000, '99', 'from a newer gatehouse', 'SQL', 'V99__x.sql', 1, 'test', 1, false)");
        assertThat(check()).isInstanceOf(Verdict.NeedsFlyway.class);

        execute("UPDATE " + AppliedSchema.HISTORY_TABLE + " SET success = true WHERE version = '99'");
        assertThat(check()).isInstanceOf(Verdict.NeedsFlyway.class);
        execute("DELETE FROM " + AppliedSchema.HISTORY_TABLE + " WHERE version = '99'");
    }

    @Test
    void aUrlWhoseSchemaDoesNotExistIsLeftToFlyway() {
        // PostgreSQL would resolve names in a later schema of the search path; only Flyway decides what then.
        String missing = postgres.url().replace("currentSchema=" + postgres.schema(), "currentSchema=" + postgres.schema() + "_missing");
        assertThat(AppliedSchema.check(SqlDialect.POSTGRES, SqlDialect.POSTGRES.dataSource(missing), LOADER))
                .isInstanceOf(Verdict.NeedsFlyway.class);
    }

    private static Verdict check() {
        return AppliedSchema.check(SqlDialect.POSTGRES, SqlDialect.POSTGRES.dataSource(postgres.url()), LOADER);
    }

    private static void dropEverything() throws SQLException {
        execute("DROP SCHEMA " + postgres.schema() + " CASCADE");
        execute("CREATE SCHEMA " + postgres.schema());
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
