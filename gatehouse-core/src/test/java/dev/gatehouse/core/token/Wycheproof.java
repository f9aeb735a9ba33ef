package dev.gatehouse.core.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads the Wycheproof vectors in {@code shared/testdata/wycheproof}, looked for in every
 * directory from the working directory upwards (CI places {@code shared/} beside the checkout).
 * Missing vectors fail the build when {@code CI=true} and skip it, loudly, elsewhere.
 */
final class Wycheproof {
    private Wycheproof() {
    }

    static Path folder() {
        Optional<Path> found = find(Path.of("").toAbsolutePath());
        if (found.isEmpty()) {
            String message = "Wycheproof vectors not found: no shared/testdata/wycheproof above " + Path.of("").toAbsolutePath();
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: the vectors are required)");
            }
            Assumptions.abort(message + " (skipped outside CI)");
        }
        return found.get();
    }

    static Optional<Path> find(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("testdata").resolve("wycheproof");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Map<String, Object> read(String fileName) {
        try {
            return JSONObjectUtils.parse(Files.readString(folder().resolve(fileName), StandardCharsets.UTF_8));
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("cannot read Wycheproof file " + fileName, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> json, String name) {
        return (List<Map<String, Object>>) json.get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> json, String name) {
        return (Map<String, Object>) json.get(name);
    }

    static int tcId(Map<String, Object> test) {
        return ((Number) test.get("tcId")).intValue();
    }

    static byte[] hex(Map<String, Object> test, String name) {
        return HexFormat.of().parseHex((String) test.get(name));
    }
}
