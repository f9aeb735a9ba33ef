package dev.gatehouse.server;

import dev.gatehouse.core.keys.KeyFiles;
import dev.gatehouse.core.keys.PemKeys;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.testing.RequiredService;
import dev.gatehouse.testing.SpawnsProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** {@code gatehouse keys generate} through the real command line. */
@SpawnsProcesses
class KeysCliTest {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @TempDir
    Path dir;

    private static Result run(String... args) {
        CliRun run = CliRun.of("", args);
        return new Result(run.code(), run.out(), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "EdDSA"})
    void writtenKeysLoadBack(String name) throws Exception {
        Path keys = dir.resolve("keys");

        Result result = run("keys", "generate", "--alg", name, "--out", keys.toString());

        assertThat(result.code).as(result.err).isZero();
        Path privateFile = keys.resolve(KeyFiles.PRIVATE_FILE);
        Path publicFile = keys.resolve(KeyFiles.PUBLIC_FILE);
        SigningAlgorithm algorithm = SigningAlgorithm.fromName(name).orElseThrow();
        SigningKey loaded = PemKeys.loadPrivate(algorithm, privateFile, Optional.of(publicFile));
        assertThat(loaded.canSign()).isTrue();
        assertThat(PemKeys.loadPublic(algorithm, publicFile).kid()).isEqualTo(loaded.kid());
        assertThat(result.out).contains(privateFile.toString(), publicFile.toString(), loaded.kid());
        assertThat(Files.readString(privateFile)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(publicFile)).startsWith("-----BEGIN PUBLIC KEY-----");
        if (privateFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile))).isEqualTo("rw-------");
        }
    }

    @Test
    void rsaBitsSetTheModulusSize() throws Exception {
        Result result = run("keys", "generate", "--alg", "PS256", "--rsa-bits", "3072", "--out", dir.toString());

        assertThat(result.code).as(result.err).isZero();
        SigningKey loaded = PemKeys.loadPrivate(SigningAlgorithm.PS256, dir.resolve(KeyFiles.PRIVATE_FILE), Optional.empty());
        assertThat(loaded.jwk().size()).isEqualTo(3072);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "hs512"})
    void hmacAlgorithmsAreRefused(String name) {
        Result result = run("keys", "generate", "--alg", name, "--out", dir.toString());

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("HMAC", "JWT_SECRET").doesNotContain("Exception");
        assertThat(dir.resolve(KeyFiles.PRIVATE_FILE)).doesNotExist();
    }

    @Test
    void unknownAlgorithmsAndBadRsaBitsAreRefused() {
        assertThat(run("keys", "generate", "--alg", "none", "--out", dir.toString()).code).isEqualTo(2);
        Result small = run("keys", "generate", "--alg", "RS256", "--rsa-bits", "1024", "--out", dir.toString());
        assertThat(small.code).isEqualTo(2);
        assertThat(small.err).contains("--rsa-bits", "2048");
        Result notRsa = run("keys", "generate", "--alg", "ES256", "--rsa-bits", "4096", "--out", dir.toString());
        assertThat(notRsa.code).isEqualTo(2);
        assertThat(notRsa.err).contains("--rsa-bits");
        assertThat(dir.resolve(KeyFiles.PRIVATE_FILE)).doesNotExist();
    }

    @Test
    void anExistingKeyIsNeverOverwritten() throws Exception {
        assertThat(run("keys", "generate", "--alg", "ES256", "--out", dir.toString()).code).isZero();
        String before = Files.readString(dir.resolve(KeyFiles.PRIVATE_FILE));

        Result second = run("keys", "generate", "--alg", "ES256", "--out", dir.toString());

        assertThat(second.code).isEqualTo(2);
        assertThat(second.err).contains("not overwriting").doesNotContain("Exception");
        assertThat(Files.readString(dir.resolve(KeyFiles.PRIVATE_FILE))).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "EdDSA"})
    void opensslAcceptsThePrivateKey(String name) throws Exception {
        requireOpenssl();
        assertThat(run("keys", "generate", "--alg", name, "--out", dir.toString()).code).isZero();

        Process process = new ProcessBuilder(OPENSSL.toString(), "pkey", "-in", KeyFiles.PRIVATE_FILE, "-noout")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("openssl pkey did not finish in 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** A missing openssl fails the test under CI=true and skips it elsewhere. */
    private static void requireOpenssl() {
        if (!Files.isExecutable(OPENSSL)) {
            throw RequiredService.missing(OPENSSL + " is not installed (the openssl interop test)");
        }
    }

    private record Result(int code, String out, String err) {
    }
}
