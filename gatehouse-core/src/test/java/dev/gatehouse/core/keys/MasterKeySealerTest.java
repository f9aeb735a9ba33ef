package dev.gatehouse.core.keys;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MasterKeySealerTest {
    private static final byte[] SECRET = "the secret".getBytes(StandardCharsets.UTF_8);
    private final MasterKeySealer sealed = new MasterKeySealer(Optional.of(MasterKey.generate()));
    private final MasterKeySealer plain = new MasterKeySealer(Optional.empty());

    private static MasterKeySealer.Refusal refusal(Runnable open) {
        return catchThrowableOfType(MasterKeySealer.UnsealingException.class, open::run).refusal();
    }

    @Test
    void aSealedValueOpensForItsContextAndHidesTheSecret() {
        String stored = sealed.seal(SECRET, "user:1");

        assertThat(stored).startsWith("gcm1:").doesNotContain("secret");
        assertThat(sealed.open(stored, "user:1")).isEqualTo(SECRET);
        assertThat(sealed.seal(SECRET, "user:1")).as("a new nonce each time").isNotEqualTo(stored);
    }

    @Test
    void anotherContextAnotherKeyOrAnAlteredValueDoesNotOpen() {
        String stored = sealed.seal(SECRET, "user:1");
        char last = stored.charAt(stored.length() - 5);
        String altered = stored.substring(0, stored.length() - 5) + (last == 'A' ? 'B' : 'A') + stored.substring(stored.length() - 4);

        assertThat(refusal(() -> sealed.open(stored, "user:2"))).isEqualTo(MasterKeySealer.Refusal.DOES_NOT_OPEN);
        assertThat(refusal(() -> new MasterKeySealer(Optional.of(MasterKey.generate())).open(stored, "user:1")))
                .isEqualTo(MasterKeySealer.Refusal.DOES_NOT_OPEN);
        assertThat(refusal(() -> sealed.open(altered, "user:1"))).isEqualTo(MasterKeySealer.Refusal.DOES_NOT_OPEN);
        assertThat(refusal(() -> plain.open(stored, "user:1"))).isEqualTo(MasterKeySealer.Refusal.NO_MASTER_KEY);
    }

    @Test
    void aPlainValueIsRefusedOnceAMasterKeyIsSet() {
        String stored = plain.seal(SECRET, "user:1");

        assertThat(stored).startsWith("plain1:");
        assertThat(plain.open(stored, "user:1")).isEqualTo(SECRET);
        assertThat(refusal(() -> sealed.open(stored, "user:1"))).isEqualTo(MasterKeySealer.Refusal.PLAIN_WITH_A_MASTER_KEY);
    }

    @Test
    void aDamagedOrForeignValueIsRefused() {
        assertThat(refusal(() -> sealed.open("gcm1:AAAA", "user:1"))).isEqualTo(MasterKeySealer.Refusal.DAMAGED);
        assertThat(refusal(() -> sealed.open("gcm1:not base64!", "user:1"))).isEqualTo(MasterKeySealer.Refusal.DAMAGED);
        assertThat(refusal(() -> sealed.open("aes:AAAA", "user:1"))).isEqualTo(MasterKeySealer.Refusal.UNKNOWN_FORMAT);
    }
}
