package dev.gatehouse.server;

import dev.gatehouse.testing.RequiredService;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

    /**
     * Installs the npm packages of the test project in {@code app} at the versions its lock file
     * names, once, when {@code marker} (a package it needs) is missing, so that the README's test
     * command needs nothing but node and npm on the machine; .ci/run installs them beforehand.
     */
    static synchronized void npmCi(Path app, String marker, Path log) throws IOException, InterruptedException {
        if (Files.isDirectory(app.resolve("node_modules").resolve(marker))) {
            return;
        }
        Path npm = require("npm", List.of("/usr/bin", "/usr/local/bin"), "Debian: apt-get install nodejs npm");
        Process install = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(app.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
            install.destroyForcibly();
            unavailable("npm ci in " + app + " failed: " + Files.readString(log));
        }
    }

    /** Fails under CI, skips elsewhere, saying why. */
    static void unavailable(String message) {
        throw RequiredService.missing(message);
    }
}
