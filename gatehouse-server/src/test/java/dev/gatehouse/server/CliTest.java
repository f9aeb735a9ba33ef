package dev.gatehouse.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gatehouse users ...} and start-up validation, through the real command line. */
class CliTest {
    @TempDir
    Path dir;

    private static Result run(String stdin, String... args) {
        CliRun run = CliRun.of(stdin, args);
        return new Result(run.code(), run.out(), run.err());
    }

    private String db() {
        return "--db-url=jdbc:sqlite:" + dir.resolve("cli.db");
    }

    @Test
    void addListPasswdDelete() {
        Result added = run("first password 1\n", "users", db(), "add", "--username", "Bob", "--email", "bob@example.com", "--admin", "--password-stdin");
        assertThat(added.code).as(added.err).isZero();
        assertThat(added.out).contains("added admin bob");

        Result duplicate = run("first password 1\n", "users", db(), "add", "--username", "bob", "--password-stdin");
        assertThat(duplicate.code).isEqualTo(2);
        assertThat(duplicate.err).contains("already exists");

        Result tooShort = run("short\n", "users", db(), "add", "--username", "carol", "--password-stdin");
        assertThat(tooShort.code).isEqualTo(2);
        assertThat(tooShort.err).contains("at least 8");

        Result listed = run("", "users", db(), "list");
        assertThat(listed.code).isZero();
        assertThat(listed.out).contains("bob@example.com", "admin").doesNotContain("argon2");

        Result passwd = run("second password 2\n", "users", db(), "passwd", "bob", "--password-stdin");
        assertThat(passwd.code).as(passwd.err).isZero();
        assertThat(passwd.out).contains("password changed for bob");

        Result unknown = run("", "users", db(), "delete", "nobody");
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.err).contains("no such user");

        Result deleted = run("", "users", db(), "delete", "bob@example.com");
        assertThat(deleted.code).isZero();
        assertThat(run("", "users", db(), "list").out).doesNotContain("bob@example.com");
    }

    @Test
    void setRolePromotesAndDemotesButNeverTheLastAdmin() {
        assertThat(run("first password 1\n", "users", db(), "add", "--username", "root", "--admin", "--password-stdin").code).isZero();
        assertThat(run("first password 1\n", "users", db(), "add", "--username", "ada", "--password-stdin").code).isZero();

        Result last = run("", "users", db(), "set-role", "root", "common");
        assertThat(last.code).isEqualTo(2);
        assertThat(last.err).contains("only admin");

        Result promoted = run("", "users", db(), "set-role", "ada", "admin");
        assertThat(promoted.code).as(promoted.err).isZero();
        assertThat(promoted.out).contains("ada is admin");
        Result demoted = run("", "users", db(), "set-role", "root", "common");
        assertThat(demoted.code).as(demoted.err).isZero();
        assertThat(run("", "users", db(), "list").out).containsPattern("common +- +root").containsPattern("admin +- +ada");

        Result badRole = run("", "users", db(), "set-role", "ada", "owner");
        assertThat(badRole.code).isEqualTo(2);
        assertThat(badRole.err).contains("admin or common");
        assertThat(run("", "users", db(), "set-role", "nobody", "admin").err).contains("no such user");
    }

    @Test
    void commonPasswordsAreRefusedSayingWhy() {
        Result added = run("password\n", "users", db(), "add", "--username", "carol", "--admin", "--password-stdin");
        assertThat(added.code).isEqualTo(2);
        assertThat(added.err).contains("most commonly used").doesNotContain("password\n");
        assertThat(run("correct horse battery\n", "users", db(), "add", "--username", "carol", "--password-stdin").code).isZero();
        Result passwd = run("Password1\n", "users", db(), "passwd", "carol", "--password-stdin");
        assertThat(passwd.code).isEqualTo(2);
        assertThat(passwd.err).contains("most commonly used").doesNotContain("Password1");
    }

    @Test
    void badSettingsStopStartUpNamingEachOne() {
        Result result = run("", "serve", "--port", "70000", "--auth-type", "magic", "--store", "mongo");
        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("API_PORT", "AUTH_TYPE", "STORE").doesNotContain("Exception");
    }

    private record Result(int code, String out, String err) {
    }
}
