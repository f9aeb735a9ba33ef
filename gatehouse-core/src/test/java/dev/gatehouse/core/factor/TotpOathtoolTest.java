package dev.gatehouse.core.factor;

import dev.gatehouse.core.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gatehouse's codes are the ones a real authenticator computes: {@code oathtool} (oath-toolkit),
 * given the secret as Base32 as a user would type it into an app, agrees at random times. It
 * starts a program, so it runs under Failsafe with the other tests that start processes.
 */
@Tag("spawns-processes")
class TotpOathtoolTest {
    @TempDir
    Path dir;

    @Test
    void oathtoolComputesTheSameCodes() throws Exception {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 8; i++) {
            TotpSecret secret = TotpSecret.generate(random);
            long unixTime = random.nextLong(0, 4_000_000_000L);
            String theirs = Tools.run(dir, "oathtool", "--totp", "--base32", "--now=@" + unixTime, secret.base32()).trim();
            assertThat(Totp.code(secret, Totp.stepAt(Instant.ofEpochSecond(unixTime)))).as("at " + unixTime).isEqualTo(theirs);
        }
    }
}
