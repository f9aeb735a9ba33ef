package dev.gatehouse.core.factor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TotpTest {
    /** RFC 6238 Appendix B's SHA-1 seed: the 20 ASCII bytes "12345678901234567890". */
    private static final TotpSecret RFC_SEED = new TotpSecret("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    private final TotpSecret secret = TotpSecret.generate(new SecureRandom());
    private final Instant now = Instant.parse("2026-12-08T10:00:10Z");

    /** RFC 6238 Appendix B, the SHA-1 rows: the RFC prints 8 digits, of which a 6-digit code is the last six. */
    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924", "2000000000, 279037",
            "20000000000, 353130"})
    void theRfcTestVectors(long unixTime, String expected) {
        assertThat(Totp.code(RFC_SEED, Totp.stepAt(Instant.ofEpochSecond(unixTime)))).isEqualTo(expected);
        assertThat(Totp.verify(RFC_SEED, expected, Instant.ofEpochSecond(unixTime), OptionalLong.empty()))
                .hasValue(Totp.stepAt(Instant.ofEpochSecond(unixTime)));
    }

    @Test
    void theRfcSeedIsTheBase32OfAuthenticatorApps() {
        assertThat(RFC_SEED.base32()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(secret.base32()).matches("[A-Z2-7]{32}");
    }

    @Test
    void oneStepEitherSideIsAcceptedAndNoMore() {
        long step = Totp.stepAt(now);
        for (long offset = -1; offset <= 1; offset++) {
            assertThat(Totp.verify(secret, Totp.code(secret, step + offset), now, OptionalLong.empty())).as("offset " + offset)
                    .hasValue(step + offset);
        }
        for (long offset : new long[] {-2, 2, -10}) {
            assertThat(Totp.verify(secret, Totp.code(secret, step + offset), now, OptionalLong.empty())).as("offset " + offset).isEmpty();
        }
    }

    @Test
    void aCodeAcceptedOnceIsNeverAcceptedAgainNorAnyBeforeIt() {
        long step = Totp.stepAt(now);
        String current = Totp.code(secret, step);
        OptionalLong accepted = Totp.verify(secret, current, now, OptionalLong.empty());
        assertThat(accepted).hasValue(step);

        assertThat(Totp.verify(secret, current, now, accepted)).as("replayed").isEmpty();
        assertThat(Totp.verify(secret, Totp.code(secret, step - 1), now, accepted)).as("the step before").isEmpty();
        assertThat(Totp.verify(secret, Totp.code(secret, step + 1), now, accepted)).as("the next step").hasValue(step + 1);
    }

    @Test
    void anotherSecretsCodeIsRefused() {
        TotpSecret other = TotpSecret.generate(new SecureRandom());
        String code = Totp.code(other, Totp.stepAt(now));
        // One in a million codes of another secret would match by chance; skip that case rather than flake.
        if (!code.equals(Totp.code(secret, Totp.stepAt(now)))) {
            assertThat(Totp.verify(secret, code, now, OptionalLong.empty())).isEmpty();
        }
    }

    @Test
    void aCodeMayBeTypedAsAppsShowItWithOneSpace() {
        String code = Totp.code(secret, Totp.stepAt(now));
        assertThat(Totp.verify(secret, code.substring(0, 3) + " " + code.substring(3), now, OptionalLong.empty())).isPresent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12345", "1234567", "12345a", "123  456", " 123456", "123456 ", "12 3456", "\u0661\u0662\u0663\u0664\u0665\u0666",
            "123\u00a0456", "+12345"})
    void aMalformedCodeIsRefused(String code) {
        assertThat(Totp.verify(secret, code, now, OptionalLong.empty())).isEmpty();
    }

    @Test
    void aSecretIsTwentyBytesCopiedAndNeverPrinted() {
        byte[] bytes = new byte[TotpSecret.LENGTH];
        TotpSecret kept = new TotpSecret(bytes);
        bytes[0] = 1;
        assertThat(kept.bytes()[0]).isZero();
        kept.bytes()[1] = 1;
        assertThat(kept.bytes()[1]).isZero();
        assertThat(kept).isEqualTo(new TotpSecret(new byte[TotpSecret.LENGTH])).hasSameHashCodeAs(new TotpSecret(new byte[TotpSecret.LENGTH]));
        assertThat(secret.toString()).doesNotContain(secret.base32());
        assertThatThrownBy(() -> new TotpSecret(new byte[10])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOtpauthUriSpellsOutTheProfileAndEncodesItsParts() {
        assertThat(RFC_SEED.otpauthUri("Gatehouse Corp", "ada@example.com")).isEqualTo(
                "otpauth://totp/Gatehouse%20Corp:ada%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Gatehouse%20Corp"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
