package dev.gatehouse.jdbc;

import dev.gatehouse.jdbc.AppliedSchema.Verdict;
import org.assertj.core.api.AbstractThrowableAssert;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plain-JDBC reading of Flyway's history on real SQLite files: a current schema is recognised
 * (so a restart leaves Flyway unloaded), and anything less certain goes through Flyway.
 */
class AppliedSchemaTest {
    private static final ClassLoader LOADER = JdbcDatabase.class.getClassLoader();

    @TempDir
    Path dir;

    @Test
    void aSchemaFlywayBroughtUpToDateIsCurrentSoARestartSkipsFlyway() throws SQLException, IOException {
        String url = urlOf("current.db");
        JdbcDatabase.open(url).close();

        List<AppliedSchema.Migration> bundled = AppliedSchema.bundled(SqlDialect.SQLITE.migrationLocation(), LOADER).orElseThrow();
        assertThat(check(url)).isEqualTo(new Verdict.Current(bundled.size()));
        // The verdict rests on computing what Flyway recorded: each script's checksum, description and name.
        assertThat(bundled).isEqualTo(recorded(url));
    }

    @Test
    void aFileWithoutTheLastMigrationIsMigratedOnOpen() throws SQLException, IOException {
        String url = urlOf("behind.db");
        List<AppliedSchema.Migration> bundled = AppliedSchema.bundled(SqlDialect.SQLITE.migrationLocation(), LOADER).orElseThrow();
        String last = bundled.get(bundled.size() - 1).version();
        String previous = bundled.get(bundled.size() - 2).version();
        flyway(url).target(previous).load().migrate();

        assertThat(check(url)).isInstanceOf(Verdict.NeedsFlyway.class);
        JdbcDatabase.open(url).close();

        assertThat(check(url)).isEqualTo(new Verdict.Current(bundled.size()));
        assertThat(recorded(url)).extracting(AppliedSchema.Migration::version).contains(last);
    }

    @Test
    void aNewFileNeedsFlyway() {
        assertThat(check(urlOf("new.db"))).isInstanceOf(Verdict.NeedsFlyway.class);
    }

    @Test
    void aFailedMigrationIsNotSkippedAndFlywayStopsTheStartAsBefore() throws SQLException {
        openingAfterHistoryChange("failed.db", "SET success = 0 WHERE version = '1'")
                .hasMessageStartingWith("migrating the schema of the database");
    }

    @Test
    void anUnknownNewerMigrationFailedOrNotIsNotSkippedButLeftToFlyway() throws SQLException {
        for (boolean success : new boolean[] {true, false}) {
            String url = urlOf("newer-" + success + ".db");
            JdbcDatabase.open(url).close();
            addHistoryRow(url, "99", "from a newer gatehouse", success);

            assertThat(check(url)).as("success=%s", success).isInstanceOf(Verdict.NeedsFlyway.class);
            // Flyway's own answer to a schema ahead of this build: by default it ignores future migrations.
            JdbcDatabase.open(url).close();
        }
    }

    @Test
    void anEditedScriptIsNotSkippedAndFlywayRejectsIt() throws SQLException {
        openingAfterHistoryChange("edited.db", "SET checksum = checksum + 1 WHERE version = '1'")
                .hasMessageContaining("checksum");
    }

    /**
     * Migrates a new file, changes its history ({@code UPDATE <history> <change>}), checks that the
     * restart is left to Flyway and that opening it fails; the answer is that failure, to assert on.
     */
    private AbstractThrowableAssert<?, ? extends Throwable> openingAfterHistoryChange(String file, String change) throws SQLException {
        String url = urlOf(file);
        JdbcDatabase.open(url).close();
        execute(url, "UPDATE " + AppliedSchema.HISTORY_TABLE + " " + change);

        assertThat(check(url)).isInstanceOf(Verdict.NeedsFlyway.class);
        return assertThatThrownBy(() -> JdbcDatabase.open(url)).isInstanceOf(JdbcStoreException.class);
    }

    @Test
    void scriptsInAJarAreListedLikeScriptsInADirectory() throws IOException {
        Path jar = dir.resolve("migrations.jar");
        byte[] script = "CREATE TABLE t (id INTEGER);\r\n-- done\n".getBytes(StandardCharsets.UTF_8);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/migration/test/"));
            out.putNextEntry(new JarEntry("db/migration/test/V1__first_table.sql"));
            out.write(script);
            out.putNextEntry(new JarEntry("db/migration/other/V9__elsewhere.sql"));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(AppliedSchema.bundled("classpath:db/migration/test", loader)).hasValue(List.of(new AppliedSchema.Migration(
                    "1", "first table", "V1__first_table.sql", AppliedSchema.flywayChecksum(new ByteArrayInputStream(script)))));
        }
    }

    @Test
    void aScriptNamedInAnotherWayLeavesTheDecisionToFlyway() throws IOException {
        Path root = dir.resolve("classes");
        Files.createDirectories(root.resolve("db/migration/test"));
        Files.writeString(root.resolve("db/migration/test/V1__fine.sql"), "SELECT 1;");
        Files.writeString(root.resolve("db/migration/test/V1_1__dotted_version.sql"), "SELECT 1;");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            assertThat(AppliedSchema.bundled("classpath:db/migration/test", loader)).isEmpty();
        }
    }

    @Test
    void theChecksumIsFlywaysCrc32OfTheLinesWithoutLineBreaksOrByteOrderMark() throws IOException {
        int plain = AppliedSchema.flywayChecksum(stream("SELECT 1;\nSELECT 2;\n"));
        assertThat(AppliedSchema.flywayChecksum(stream("\uFEFFSELECT 1;\r\nSELECT 2;"))).isEqualTo(plain);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("SELECT 1;SELECT 2;".getBytes(StandardCharsets.UTF_8));
        assertThat(plain).isEqualTo((int) crc.getValue());
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private Verdict check(String url) {
        return AppliedSchema.check(SqlDialect.SQLITE, SqlDialect.SQLITE.dataSource(url), LOADER);
    }

    private String urlOf(String file) {
        return "jdbc:sqlite:" + dir.resolve(file);
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        return Flyway.configure(LOADER).dataSource(SqlDialect.SQLITE.dataSource(url)).locations(SqlDialect.SQLITE.migrationLocation());
    }

    /** What Flyway wrote in its history, in the form the check computes from the scripts. */
    private static List<AppliedSchema.Migration> recorded(String url) throws SQLException {
        DataSource data = SqlDialect.SQLITE.dataSource(url);
        List<AppliedSchema.Migration> rows = new ArrayList<>();
        try (Connection c = data.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version, description, script, checksum FROM " + AppliedSchema.HISTORY_TABLE
                     + " WHERE success = 1 ORDER BY installed_rank")) {
            while (r.next()) {
                rows.add(new AppliedSchema.Migration(r.getString(1), r.getString(2), r.getString(3), r.getInt(4)));
            }
        }
        return rows;
    }

    private static void addHistoryRow(String url, String version, String description, boolean success) throws SQLException {
        execute(url, "INSERT INTO " + AppliedSchema.HISTORY_TABLE
                + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                + " VALUES ((SELECT MAX(installed_rank) + 1 FROM " + AppliedSchema.HISTORY_TABLE + "), '" + version + "', '"
                + description + "', 'SQL', 'V" + version + "__x.sql', 1, 'test', 1, " + (success ? 1 : 0) + ")");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = SqlDialect.SQLITE.dataSource(url).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
