package dev.gatehouse.core.token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The vectors are found by walking up from the working directory, wherever the checkout sits. */
class WycheproofLocationTest {
    @Test
    void theFolderIsFoundFromANestedDirectory(@TempDir Path root) throws Exception {
        Path vectors = Files.createDirectories(root.resolve("shared/testdata/wycheproof"));
        Path nested = Files.createDirectories(root.resolve("checkout/gatehouse-core/target"));
        assertThat(Wycheproof.find(nested)).contains(vectors);
    }

    @Test
    void noFolderMeansEmpty(@TempDir Path root) {
        assertThat(Wycheproof.find(root)).isEmpty();
    }
}
