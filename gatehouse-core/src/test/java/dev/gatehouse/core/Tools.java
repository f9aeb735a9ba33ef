package dev.gatehouse.core;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** Runs real programs (ssh-keygen, openssl, oathtool). A missing tool fails the test under CI=true and skips it elsewhere. */
public final class Tools {
    private Tools() {
    }

    /**
     * Whether the tests run under CI, where every tool must be there.
     *
     * @return true when {@code CI=true}
     */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips (locally) or fails (CI) unless {@code tool} is on the PATH.
     *
     * @param tool the program's name
     */
    public static void require(String tool) {
        boolean present = List.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        if (!present) {
            if (onCi()) {
                fail(tool + " is not installed, and CI=true requires the interop tests to run");
            }
            Assumptions.abort(tool + " is not installed; skipping this interop test (it runs when CI=true)");
        }
    }

    /**
     * Runs the command in {@code dir}, failing the test with its output if it does not exit 0.
     *
     * @param dir the working directory
     * @param command the program and its arguments
     * @return what it printed
     * @throws IOException when it cannot be started
     * @throws InterruptedException when interrupted while waiting
     */
    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        require(command[0]);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
