package dev.gatehouse.core.keys;

import dev.gatehouse.core.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = SigningAlgorithm.class, names = {"RS256", "ES256", "ES384", "EDDSA"})
    void writesPemFilesThatOpensslAndPemKeysReadBack(SigningAlgorithm algorithm) throws Exception {
        SigningKey key = TestKeys.supplier(algorithm).get();

        KeyFiles.Written written = KeyFiles.write(key, dir.resolve("keys"));

        assertThat(Files.readString(written.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(written.publicKey())).startsWith("-----BEGIN PUBLIC KEY-----");
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.privateKey()))).isEqualTo("rw-------");
        }
        Tools.run(dir, "openssl", "pkey", "-in", written.privateKey().toString(), "-noout");
        Tools.run(dir, "openssl", "pkey", "-pubin", "-in", written.publicKey().toString(), "-noout");

        SigningKey loaded = PemKeys.loadPrivate(algorithm, written.privateKey(), Optional.of(written.publicKey()));
        assertThat(loaded.kid()).isEqualTo(key.kid());
        assertThat(loaded.jwk()).isEqualTo(key.jwk());
    }

    @Test
    void neverOverwritesAKey() throws Exception {
        KeyFiles.write(KeyGenerator.generate(SigningAlgorithm.EDDSA), dir);

        assertThatThrownBy(() -> KeyFiles.write(KeyGenerator.generate(SigningAlgorithm.EDDSA), dir))
                .isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void refusesToWriteSecretsOrPublicOnlyKeys() {
        SigningKey hmac = KeyGenerator.generate(SigningAlgorithm.HS256);
        SigningKey publicOnly = SigningKeys.fromJwk(KeyGenerator.generate(SigningAlgorithm.ES256).jwk().toPublicJWK(), SigningAlgorithm.ES256);

        assertThatThrownBy(() -> KeyFiles.write(hmac, dir)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyFiles.write(publicOnly, dir)).isInstanceOf(IllegalArgumentException.class);
    }
}
