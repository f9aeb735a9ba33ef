package dev.gatehouse.server.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

/** Where the build unpacks sqlite-jdbc's library, and what the server makes of a missing one. */
class UnpackedSqliteLibraryTest {
    @TempDir
    Path target;

    @Test
    void findsTheLibraryUnpackedForTheDriverJarOfTheSameName() throws IOException {
        Path jar = emptyFile(target.resolve("lib/sqlite-jdbc-9.9.9.jar"));
        Path library = emptyFile(target.resolve("native/sqlite-jdbc-9.9.9")
                .resolve(LibraryLoaderUtil.getNativeLibResourcePath().substring(1)).resolve(LibraryLoaderUtil.getNativeLibName()));

        assertThat(UnpackedSqliteLibrary.besideJar(jar)).contains(library.toAbsolutePath());
    }

    @Test
    void anotherVersionsLibraryOrNoneAtAllIsNotUsed() throws IOException {
        Path jar = emptyFile(target.resolve("lib/sqlite-jdbc-9.9.9.jar"));
        assertThat(UnpackedSqliteLibrary.besideJar(jar)).isEmpty();

        emptyFile(target.resolve("native/sqlite-jdbc-9.9.8")
                .resolve(LibraryLoaderUtil.getNativeLibResourcePath().substring(1)).resolve(LibraryLoaderUtil.getNativeLibName()));
        assertThat(UnpackedSqliteLibrary.besideJar(jar)).isEmpty();
    }

    private static Path emptyFile(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.createFile(path);
    }
}
