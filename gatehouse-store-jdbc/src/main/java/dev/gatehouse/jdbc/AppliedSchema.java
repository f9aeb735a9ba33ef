package dev.gatehouse.jdbc;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Whether Flyway's history already records every bundled migration, read with plain JDBC: on a
 * restart the schema is nearly always current, and loading Flyway only to learn that cost 0.4-0.7 s
 * of each start.
 *
 * <p>Only a history that matches the bundled scripts row for row (version, description, script
 * name, Flyway's checksum, success) and holds nothing else counts as current. Anything else (no
 * history, a pending, failed, edited or unknown migration, a script named in a way this class does
 * not read, a failed read) is left to Flyway, which migrates, validates and fails exactly as it
 * did before this check existed. The check errs only towards running Flyway.
 */
final class AppliedSchema {
    static final String HISTORY_TABLE = "flyway_schema_history";
    // Plain integer versions only: Flyway's reading of other forms (V1_1, V1.1) is its own business.
    private static final Pattern SCRIPT_NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");
    // Flyway's row for a schema it created itself: no migration, nothing to compare.
    private static final String SCHEMA_MARKER_TYPE = "SCHEMA";

    private AppliedSchema() {
    }

    /** What the check found: the schema is current, or Flyway must look (and why, for a debug log). */
    sealed interface Verdict {
        /** Every bundled migration is applied and nothing else is recorded. */
        record Current(int migrations) implements Verdict {
        }

        record NeedsFlyway(String reason) implements Verdict {
        }
    }

    /** A migration script as Flyway would record it once applied. */
    record Migration(String version, String description, String script, int checksum) {
    }

    /** A row of {@value #HISTORY_TABLE}. */
    private record Applied(String version, String description, String type, String script, Integer checksum, boolean success) {
    }

    /**
     * Compares the history in {@code dataSource} with the migrations bundled at the dialect's
     * location on {@code loader}'s class path.
     */
    static Verdict check(SqlDialect dialect, DataSource dataSource, ClassLoader loader) {
        Optional<List<Migration>> bundled;
        try {
            bundled = bundled(dialect.migrationLocation(), loader);
        } catch (IOException | UncheckedIOException e) {
            return new Verdict.NeedsFlyway("the bundled migrations cannot be listed: " + e.getClass().getSimpleName());
        }
        if (bundled.isEmpty() || bundled.get().isEmpty()) {
            return new Verdict.NeedsFlyway("the bundled migrations are not plain files named V<n>__<words>.sql in one place");
        }
        List<Applied> history;
        try (Connection connection = dataSource.getConnection()) {
            Optional<String> table = historyTable(dialect, connection);
            if (table.isEmpty()) {
                return new Verdict.NeedsFlyway("the connection's schema is not the first of its search path");
            }
            history = read(connection, table.get());
        } catch (SQLException e) {
            // Most often a new database without the table; any other trouble Flyway reports as it always has.
            return new Verdict.NeedsFlyway("the history cannot be read: SQLState " + e.getSQLState());
        }
        return compare(bundled.get(), history);
    }

    private static Verdict compare(List<Migration> bundled, List<Applied> history) {
        Map<String, Migration> pending = new HashMap<>();
        bundled.forEach(m -> pending.put(m.version(), m));
        for (Applied row : history) {
            if (SCHEMA_MARKER_TYPE.equals(row.type()) && row.success()) {
                continue;
            }
            Migration migration = row.version() == null ? null : pending.remove(row.version());
            if (migration == null) {
                return new Verdict.NeedsFlyway("the history records version " + row.version() + " (" + row.type()
                        + "), which is not a bundled migration or is recorded twice");
            }
            boolean same = row.success() && "SQL".equals(row.type()) && migration.description().equals(row.description())
                    && migration.script().equals(row.script()) && row.checksum() != null && row.checksum() == migration.checksum();
            if (!same) {
                return new Verdict.NeedsFlyway("version " + row.version() + " is recorded failed or unlike the bundled script");
            }
        }
        if (!pending.isEmpty()) {
            return new Verdict.NeedsFlyway("versions " + pending.keySet() + " are not applied yet");
        }
        return new Verdict.Current(bundled.size());
    }

    /**
     * Where Flyway keeps its history for this connection. On PostgreSQL, only when the schema the
     * statements resolve to is the one the search path names first (Flyway's choice, and the one
     * the URL's {@code currentSchema} makes); were that schema missing, PostgreSQL would fall back to
     * a later one, and Flyway must decide what to do.
     */
    private static Optional<String> historyTable(SqlDialect dialect, Connection connection) throws SQLException {
        if (!(dialect instanceof PostgresDialect)) {
            return Optional.of(HISTORY_TABLE); // SQLite: one schema per file
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_schema(), current_setting('search_path')")) {
            row.next();
            String current = row.getString(1);
            String first = row.getString(2).split(",", 2)[0].strip();
            String unquoted = first.length() > 1 && first.startsWith("\"") && first.endsWith("\"")
                    ? first.substring(1, first.length() - 1) : first;
            return current != null && current.equals(unquoted)
                    ? Optional.of('"' + current.replace("\"", "\"\"") + "\"." + HISTORY_TABLE)
                    : Optional.empty();
        }
    }

    private static List<Applied> read(Connection connection, String table) throws SQLException {
        List<Applied> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version, description, type, script, checksum, success FROM " + table
                     + " ORDER BY installed_rank")) {
            while (row.next()) {
                int checksum = row.getInt(5);
                rows.add(new Applied(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.wasNull() ? null : checksum, row.getBoolean(6)));
            }
        }
        return rows;
    }

    /**
     * The scripts at {@code location} ({@code classpath:dir}), or empty when they are not all in one
     * directory or jar, or one is named in a way this class does not read.
     */
    static Optional<List<Migration>> bundled(String location, ClassLoader loader) throws IOException {
        String directory = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        List<URL> places = Collections.list(loader.getResources(directory));
        if (places.size() != 1) {
            return Optional.empty();
        }
        Optional<List<String>> names = fileNames(places.get(0), directory);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<Migration> migrations = new ArrayList<>();
        for (String name : names.get()) {
            Matcher parts = SCRIPT_NAME.matcher(name);
            if (!parts.matches()) {
                return Optional.empty();
            }
            try (InputStream script = loader.getResourceAsStream(directory + "/" + name)) {
                if (script == null) {
                    return Optional.empty();
                }
                migrations.add(new Migration(parts.group(1), parts.group(2).replace('_', ' '), name, flywayChecksum(script)));
            }
        }
        // In the order Flyway applies them: by version as a number, V10 after V9 (file names sort V10 first).
        migrations.sort(Comparator.comparing(migration -> new BigInteger(migration.version())));
        return Optional.of(migrations);
    }

    private static Optional<List<String>> fileNames(URL place, String directory) throws IOException {
        switch (place.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(place.toURI()))) {
                    return Optional.of(files.map(p -> p.getFileName().toString()).sorted().toList());
                } catch (URISyntaxException e) {
                    return Optional.empty();
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) place.openConnection();
                String prefix = directory + "/";
                try (JarFile jar = new JarFile(Path.of(connection.getJarFileURL().toURI()).toFile())) {
                    return Optional.of(jar.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith(prefix) && n.length() > prefix.length())
                            .map(n -> n.substring(prefix.length()))
                            .sorted().toList()); // a subdirectory's entries keep their '/' and match no script name
                } catch (URISyntaxException | IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /**
     * Flyway's checksum of a SQL script: CRC-32 over its lines' UTF-8 bytes, line breaks left out
     * and a byte-order mark dropped. Were Flyway ever to compute it otherwise, every restart would
     * simply go through Flyway again.
     */
    static int flywayChecksum(InputStream script) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader lines = new BufferedReader(new InputStreamReader(script, StandardCharsets.UTF_8));
        String line = lines.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        while (line != null) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
            line = lines.readLine();
        }
        return (int) crc.getValue();
    }
}
