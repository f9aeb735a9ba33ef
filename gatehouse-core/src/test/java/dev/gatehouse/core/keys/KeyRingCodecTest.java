package dev.gatehouse.core.keys;

import dev.gatehouse.core.spi.StoredKey;
import dev.gatehouse.core.spi.StoredKeyRing;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRingCodecTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final KeyRotationPolicy policy = KeyRotationPolicy.every(Duration.ofHours(1), Duration.ofMinutes(15));
    private final MasterKey master = MasterKey.generate();

    @ParameterizedTest
    @EnumSource(value = SigningAlgorithm.class, names = {"HS256", "RS256", "ES256", "EDDSA"})
    void roundTripsEncryptedAndNeverStoresKeyMaterialInTheClear(SigningAlgorithm algorithm) {
        KeyRing ring = rotatedRing(algorithm);
        KeyRingCodec codec = new KeyRingCodec(Optional.of(master));

        StoredKeyRing stored = codec.encode(ring, 7);
        KeyRing back = codec.decode(stored, policy);

        assertThat(back.keys()).isEqualTo(ring.keys());
        assertThat(stored.generation()).isEqualTo(7);
        assertThat(stored.keys()).allSatisfy(k -> {
            assertThat(k.material()).startsWith("gcm1:");
            assertThat(new String(Base64.getUrlDecoder().decode(k.material().substring(5)), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("\"d\"", "\"k\"", "\"kty\"");
            assertThat(k.toString()).doesNotContain(k.material());
        });
        assertThat(codec.encode(ring, 7).keys().getFirst().material()).as("random nonce").isNotEqualTo(stored.keys().getFirst().material());
    }

    @Test
    void withoutAMasterKeyKeysAreStoredPlainAndStillRoundTrip() {
        KeyRing ring = rotatedRing(SigningAlgorithm.ES256);
        KeyRingCodec codec = new KeyRingCodec(Optional.empty());

        StoredKeyRing stored = codec.encode(ring, 1);

        assertThat(stored.keys()).allSatisfy(k -> assertThat(k.material()).startsWith("plain1:"));
        assertThat(codec.decode(stored, policy).keys()).isEqualTo(ring.keys());
    }

    @Test
    void refusesTheWrongMasterKeyAMovedBlobAndPlantedPlainKeys() {
        KeyRing ring = rotatedRing(SigningAlgorithm.ES256);
        StoredKeyRing stored = new KeyRingCodec(Optional.of(master)).encode(ring, 1);
        StoredKey first = stored.keys().get(0);
        StoredKey second = stored.keys().get(1);
        StoredKeyRing swapped = new StoredKeyRing(1, List.of(
                new StoredKey(first.kid(), first.algorithm(), first.state(), first.createdAt(), first.stateSince(), second.material()),
                second));
        StoredKeyRing planted = new KeyRingCodec(Optional.empty()).encode(ring, 1);

        assertThatThrownBy(() -> new KeyRingCodec(Optional.of(MasterKey.generate())).decode(stored, policy))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> new KeyRingCodec(Optional.of(master)).decode(swapped, policy))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> new KeyRingCodec(Optional.of(master)).decode(planted, policy))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("not encrypted");
        assertThatThrownBy(() -> new KeyRingCodec(Optional.empty()).decode(stored, policy))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("GATEHOUSE_MASTER_KEY");
    }

    @Test
    void masterKeyParsesBase64Of32BytesAndNeverPrintsIt() {
        String text = Base64.getEncoder().encodeToString(new byte[32]).replace("A", "B");
        MasterKey key = MasterKey.parse(text);

        assertThat(key.bytes()).hasSize(32);
        assertThat(key).hasToString("MasterKey[****]").isEqualTo(MasterKey.parse(text));
        assertThat(MasterKey.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(key.bytes()))).isEqualTo(key);
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MasterKey.parse(tooShort)).hasMessageContaining("32 bytes").hasMessageContaining("16")
                .message().doesNotContain(tooShort);
        assertThatThrownBy(() -> MasterKey.parse("not base64!")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> MasterKey.parse("")).hasMessageContaining("empty");
    }

    private KeyRing rotatedRing(SigningAlgorithm algorithm) {
        Supplier<SigningKey> newKeys = TestKeys.supplier(algorithm);
        KeyRing ring = KeyRing.start(policy, clock.instant(), newKeys);
        clock.advance(Duration.ofHours(1));
        return ring.rotate(clock.instant(), newKeys);
    }
}
