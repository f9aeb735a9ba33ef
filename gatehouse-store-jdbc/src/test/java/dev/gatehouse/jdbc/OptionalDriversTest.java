package dev.gatehouse.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drivers are optional dependencies: an application that ships only one of them opens its
 * database without the other on the class path. Each test loads the store module in a class loader
 * of its own, over the test class path without the other database's jars.
 */
class OptionalDriversTest {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @TempDir
    Path dir;

    @Test
    void sqliteOpensWithoutThePostgresqlDriver() throws Exception {
        try (URLClassLoader loader = classPathWithout("postgresql-", "flyway-database-postgresql-")) {
            assertThat(loader.getResource("org/postgresql/Driver.class")).isNull();

            openAndClose(loader, "jdbc:sqlite:" + dir.resolve("gatehouse.db"));
        }
    }

    @Test
    void postgresqlOpensWithoutSqlite() throws Exception {
        try (URLClassLoader loader = classPathWithout("sqlite-jdbc-")) {
            assertThat(loader.getResource("org/sqlite/JDBC.class")).isNull();

            openAndClose(loader, postgres.url());
        }
    }

    private static void openAndClose(ClassLoader loader, String url) throws Exception {
        Class<?> database = Class.forName(JdbcDatabase.class.getName(), true, loader);
        assertThat(database.getClassLoader()).as("the store module itself, from the reduced class path").isSameAs(loader);
        Object opened = database.getMethod("open", String.class).invoke(null, url);
        database.getMethod("close").invoke(opened);
    }

    /** The test class path without the jars whose file names start with any of {@code prefixes}, over the JDK's classes only. */
    private static URLClassLoader classPathWithout(String... prefixes) throws MalformedURLException {
        // Surefire runs the tests through a manifest-only jar and names the real class path here.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        int left = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean excluded = false;
            for (String prefix : prefixes) {
                excluded |= name.startsWith(prefix);
            }
            if (excluded) {
                left++;
            } else {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(left).as("jars left out of " + classPath).isEqualTo(prefixes.length);
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
