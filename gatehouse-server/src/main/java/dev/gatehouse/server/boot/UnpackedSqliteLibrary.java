package dev.gatehouse.server.boot;

import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Points sqlite-jdbc at the copy of its native library that the build unpacked next to the jars
 * ({@code target/native/sqlite-jdbc-<version>/org/sqlite/native/<os>/<arch>/}).
 *
 * <p>Left to itself, sqlite-jdbc copies the library out of its jar into the temp directory on
 * every start and then compares the copy with the original a byte at a time, in the interpreter
 * while the JIT is cold (docs/PERFORMANCE.md, "The evening round"). The unpacked copy
 * belongs to the same build as the jar it sits beside (its folder is named after that very jar),
 * so trusting it is trusting the jar.
 *
 * <p>Nothing changes when the copy is missing (a jar run from elsewhere, an IDE, another OS) or when
 * {@code org.sqlite.lib.path} is already set; and should the copy fail to load, sqlite-jdbc goes on
 * to its own extraction, so this can make a start faster but never stop one.
 */
public final class UnpackedSqliteLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private UnpackedSqliteLibrary() {
    }

    /**
     * Sets sqlite-jdbc's library properties to the unpacked copy when there is one; before the
     * first connection. Looks once per JVM; a caller arriving while another looks waits for it.
     */
    public static void useIfPresent() {
        Lookup.done();
    }

    /**
     * Starts the lookup on a thread of its own. Finding the platform's folder has sqlite-jdbc run
     * {@code uname} (a process of its own), which can happen while logging starts up instead of on the
     * way to opening the database.
     */
    public static void lookUpInBackground() {
        StartupTask.start("gatehouse-start-sqlite", () -> {
            useIfPresent();
            return null;
        });
    }

    /** Class initialisation runs once and makes every other thread wait for it: a lookup without a lock of our own. */
    private static final class Lookup {
        static {
            try {
                if (System.getProperty(PATH_PROPERTY) == null) { // else the operator chose a library
                    find().ifPresent(library -> {
                        System.setProperty(PATH_PROPERTY, library.getParent().toString());
                        System.setProperty(NAME_PROPERTY, library.getFileName().toString());
                    });
                }
            } catch (RuntimeException | LinkageError e) {
                // Only a shortcut: sqlite-jdbc finds its library itself, as it would without us.
            }
        }

        /** Nothing to do: getting here means the class, and so the lookup, is initialised. */
        static void done() {
        }
    }

    /** The unpacked library for this machine's OS and architecture, beside the sqlite-jdbc jar this JVM loaded. */
    static Optional<Path> find() {
        return driverJar().flatMap(UnpackedSqliteLibrary::besideJar);
    }

    /**
     * The library for this machine's OS and architecture that the build unpacked for
     * {@code driverJar} ({@code target/lib/sqlite-jdbc-X.jar}), in {@code target/native/sqlite-jdbc-X}
     * under the driver's own resource path for the platform; empty when there is no such file.
     */
    public static Optional<Path> besideJar(Path driverJar) {
        String unpacked = driverJar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path root = driverJar.toAbsolutePath().getParent().resolveSibling("native").resolve(unpacked);
        Path library = root.resolve(LibraryLoaderUtil.getNativeLibResourcePath().replaceFirst("^/", ""))
                .resolve(LibraryLoaderUtil.getNativeLibName());
        return Files.isRegularFile(library) ? Optional.of(library) : Optional.empty();
    }

    private static Optional<Path> driverJar() {
        CodeSource source = SQLiteJDBCLoader.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return location.getFileName().toString().endsWith(".jar") && location.getParent() != null
                    ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // not a file on disk
        }
    }
}
