package dev.gatehouse.server;

import dev.gatehouse.server.boot.ServerLogging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.SpawnsProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI as a shell script uses it, in a process of its own: standard output holds only the
 * command's result, so {@code TOKEN=$(gatehouse token create ...)} is the token; log lines go to
 * standard error.
 */
@SpawnsProcesses
class CliOutputTest {
    /** A line of {@link ServerLogging#PATTERN}: time, level, logger. */
    private static final Pattern LOG_LINE = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR) ");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run gatehouse(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), GatehouseCli.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("API_") || k.startsWith("SESSION_")
                || k.equals("AUTH_TYPE") || k.equals("STORE"));
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private String db() {
        return "--db-url=jdbc:sqlite:" + dir.resolve("cli.db");
    }

    @Test
    void tokenCreatesStandardOutputIsTheTokenThatVerifies() throws Exception {
        Run created = gatehouse("", "token", db(), "create", "--data", "hello");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).doesNotContainPattern(LOG_LINE);
        String token = created.out().strip();
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

        Run verified = gatehouse("", "token", db(), "verify", token);
        assertThat(verified.code()).as(verified.err()).isZero();
        assertThat(new ObjectMapper().readTree(verified.out()).path("signature_verified").asBoolean()).isTrue();
    }

    @Test
    void usersAddAndListPrintOnlyTheirResults() throws Exception {
        Run added = gatehouse("correct horse battery\n", "users", db(), "add", "--username", "ada", "--password-stdin");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).doesNotContainPattern(LOG_LINE).startsWith("added common ada ");
        assertThat(added.err()).as("the log is still there, on standard error").containsPattern(LOG_LINE);

        Run listed = gatehouse("", "users", db(), "list");
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out()).doesNotContainPattern(LOG_LINE);
        assertThat(listed.out().lines().toList()).hasSize(2).first().asString().startsWith("id ");
    }
}
