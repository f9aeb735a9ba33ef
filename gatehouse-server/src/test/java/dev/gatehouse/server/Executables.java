package dev.gatehouse.server;

import dev.gatehouse.testing.RequiredService;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;


/** Programs the process-level tests run (nginx, Caddy, node, curl): found on PATH or in the usual places. */
final class Executables {
    private Executables() {
    }

    /**
     * The program, or a skip when it is missing, except under {@code CI=true}, where a missing
     * program fails the test: .ci/run installs them.
     */
    static Path require(String name, List<String> otherDirectories, String howToInstall) {
        Optional<Path> found = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).filter(p -> !p.isEmpty()),
                        otherDirectories.stream())
                .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            unavailable(name + " is not installed (" + howToInstall + "; .ci/run installs it)");
        }
        return found.orElseThrow();
    }

    /** Fails under CI, skips elsewhere, saying why. */
    static void unavailable(String message) {
        throw RequiredService.missing(message);
    }
}
