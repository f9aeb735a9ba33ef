package dev.gatehouse.server;

import dev.gatehouse.testing.SpawnsProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The README's "Trying it" commands, read out of README.md and run as written, one by one with
 * bash, against a real server started as shipped (every setting at its default) in a fresh
 * directory. Only the port changes: the server listens on a free one instead of 8080. The
 * directory's {@code ./gatehouse} runs the CLI on this JVM's class path (the real launcher would
 * build the project first), and curl is told to fail on an HTTP error, so that a refused step
 * fails the test instead of printing a problem.
 */
@SpawnsProcesses
class ReadmeTryingItTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandOfTryingItWorksOnAFreshServer() throws Exception {
        requireCurl();
        List<String> commands = tryingItCommands(Files.readString(readme()));
        assertThat(commands).as("commands under ## Trying it").hasSizeGreaterThanOrEqualTo(5)
                .anySatisfy(c -> assertThat(c).startsWith("echo ").contains("./gatehouse users add"));
        writeLauncher();
        Path curlHome = Files.createDirectories(dir.resolve("curl-home"));
        Files.writeString(curlHome.resolve(".curlrc"), "fail-with-body\n");

        try (ServerProcess server = ServerProcess.startAsShipped(dir, Map.of())) {
            List<String> outputs = new ArrayList<>();
            for (String command : commands) {
                String local = command.replace("localhost:8080", "localhost:" + server.port());
                outputs.add(run(local, curlHome));
            }
            assertThat(outputs.getLast()).contains("\"email\":\"ada@example.com\"");
            assertThat(outputs.get(outputs.size() - 2)).contains("\"email\":\"ada@example.com\"");
        }
    }

    /** The indented lines of the section, with backslash continuations joined: each a command. */
    static List<String> tryingItCommands(String readme) {
        int start = readme.indexOf("\n## Trying it\n");
        assertThat(start).as("README.md has a '## Trying it' section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : section.split("\n")) {
            if (!line.startsWith("    ")) {
                continue;
            }
            String text = line.strip();
            if (text.endsWith("\\")) {
                current.append(text, 0, text.length() - 1).append(' ');
            } else {
                commands.add(current.append(text).toString());
                current.setLength(0);
            }
        }
        return commands;
    }

    private String run(String command, Path curlHome) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("API_") || k.equals("STORE") || k.equals("AUTH_TYPE"));
        builder.environment().put("CURL_HOME", curlHome.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("did not finish within 60 s: " + command);
        }
        assertThat(process.exitValue()).as("exit code of\n  %s\nwhich printed:\n%s", command, output).isZero();
        return output;
    }

    /** {@code ./gatehouse}: the CLI on the test's own java and class path. */
    private void writeLauncher() throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path launcher = dir.resolve("gatehouse");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' --enable-native-access=ALL-UNNAMED -cp '" + System.getProperty("java.class.path")
                + "' " + GatehouseCli.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    }

    private static Path readme() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("README.md")) && Files.isDirectory(at.resolve("gatehouse-server"))) {
                return at.resolve("README.md");
            }
        }
        throw new IllegalStateException("the project's README.md was not found above " + Path.of("").toAbsolutePath());
    }

    private static void requireCurl() {
        Executables.require("curl", List.of("/usr/bin", "/usr/local/bin"), "Debian: apt-get install curl");
    }
}
