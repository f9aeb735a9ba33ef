package dev.gatehouse.core.keys;

import dev.gatehouse.core.Tools;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.token.AccessTokenIssuer;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An RS256 access token Gatehouse issues is an ordinary RSASSA-PKCS1-v1_5 SHA-256 signature:
 * openssl checks it with nothing but the published public key. It starts openssl, so it runs under
 * Failsafe with the other tests that start processes (the tag of gatehouse-testing's
 * {@code SpawnsProcesses}, which core's tests cannot depend on).
 */
@Tag("spawns-processes")
class OpensslTokenInteropTest {
    @TempDir
    Path dir;

    @Test
    void opensslVerifiesAnRs256AccessTokenWithThePublicPem() throws Exception {
        SigningKey key = KeyGenerator.generate(SigningAlgorithm.RS256);
        KeyFiles.Written files = KeyFiles.write(key, dir.resolve("keys"));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        User user = new User(UUID.randomUUID(), Optional.of("ada@example.com"), Optional.of("ada"), Optional.empty(), Optional.empty(),
                Optional.empty(), Role.COMMON, "unused-hash", now, now);
        String token = new AccessTokenIssuer(new AccessTokenSettings("https://auth.example.com", "gatehouse", Duration.ofMinutes(15)),
                new MutableClock(now)).issue(user, key).token();

        String[] parts = token.split("\\.");
        Path signingInput = Files.writeString(dir.resolve("input.txt"), parts[0] + "." + parts[1], StandardCharsets.US_ASCII);
        Path signature = Files.write(dir.resolve("signature.bin"), Base64.getUrlDecoder().decode(parts[2]));

        String output = Tools.run(dir, "openssl", "dgst", "-sha256", "-verify", files.publicKey().toString(),
                "-signature", signature.toString(), signingInput.toString());
        assertThat(output).contains("Verified OK");

        Files.writeString(signingInput, parts[0] + "." + parts[1] + "x", StandardCharsets.US_ASCII);
        Process tampered = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", files.publicKey().toString(),
                "-signature", signature.toString(), signingInput.toString()).redirectErrorStream(true).start();
        assertThat(tampered.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(tampered.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("Verification failure");
        assertThat(tampered.exitValue()).isNotZero();
    }
}
