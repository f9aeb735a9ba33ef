package dev.gatehouse.core.keys;

import dev.gatehouse.core.memory.InMemoryKeyStore;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each key source ends up as a ring that signs and verifies. */
class TokenKeysTest {
    private static final Duration TTL = Duration.ofMinutes(15);
    private static final KeySource SECRET = new KeySource.SharedSecret(SigningAlgorithm.HS256, "s".repeat(32));
    private static final KeySource ES256_ROTATING = new KeySource.Generated(SigningAlgorithm.ES256, Duration.ofDays(30), Optional.empty());

    private final MutableClock clock = MutableClock.atFixedStart();

    @TempDir
    Path dir;

    @Test
    void aJwtSecretGivesOneFixedHmacKey() {
        TokenKeys keys = TokenKeys.open(SECRET, TTL, new InMemoryKeyStore(), clock);
        SigningKey signing = keys.ring().signingKey();
        assertThat(signing.algorithm()).isEqualTo(SigningAlgorithm.HS256);
        assertThat(keys.verificationKeys().find(signing.kid())).contains(signing);
        assertThat(keys.rotator()).isEmpty();
        assertThat(keys.ring().publishedKeys()).as("an HMAC secret is never published").isEmpty();
    }

    @Test
    void aPemKeyPairIsLoadedAndNeverRotated() throws Exception {
        KeyFiles.Written files = KeyFiles.write(KeyGenerator.generate(SigningAlgorithm.ES256), dir.resolve("keys"));
        TokenKeys keys = TokenKeys.open(new KeySource.PemFiles(SigningAlgorithm.ES256, files.privateKey(), Optional.of(files.publicKey())),
                TTL, new InMemoryKeyStore(), clock);
        assertThat(keys.ring().signingKey().algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(keys.ring().signingKey().canSign()).isTrue();
        assertThat(keys.rotator()).isEmpty();
        assertThat(keys.ring().publishedKeys()).hasSize(1);
    }

    @Test
    void generatedKeysAreKeptInTheStoreAndFoundAgain() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        KeySource config = new KeySource.Generated(SigningAlgorithm.EDDSA, Duration.ofDays(30), Optional.empty());
        TokenKeys first = TokenKeys.open(config, TTL, store, clock);
        TokenKeys second = TokenKeys.open(config, TTL, store, clock);
        assertThat(first.rotator()).isPresent();
        assertThat(second.ring().signingKey().kid()).isEqualTo(first.ring().signingKey().kid());
        assertThat(second.verificationKeys().find(first.ring().signingKey().kid())).isPresent();
    }

    @Test
    void keysMadeAheadMakeTheFirstRing() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        KeySource config = ES256_ROTATING;
        Optional<NewRingKeys> ahead = TokenKeys.startAhead(config, TTL);

        TokenKeys keys = TokenKeys.open(config, TTL, store, clock, ahead);

        assertThat(ahead).isPresent();
        assertThat(keys.ring().signingKey().canSign()).isTrue();
        assertThat(keys.ring().nextKey()).as("a ring that rotates publishes its next key from the start").isPresent();
        assertThat(store.load()).isPresent();
        assertThat(TokenKeys.open(config, TTL, store, clock).ring().signingKey().kid()).isEqualTo(keys.ring().signingKey().kid());
    }

    @Test
    void keysMadeAheadGiveWayToARingAlreadyStored() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        KeySource config = ES256_ROTATING;
        TokenKeys first = TokenKeys.open(config, TTL, store, clock);

        TokenKeys second = TokenKeys.open(config, TTL, store, clock, TokenKeys.startAhead(config, TTL));

        assertThat(second.ring().signingKey().kid()).isEqualTo(first.ring().signingKey().kid());
        assertThat(second.ring().nextKey().orElseThrow().kid()).isEqualTo(first.ring().nextKey().orElseThrow().kid());
    }

    @Test
    void aRingThatNeverRotatesHasOneKeyMadeAhead() {
        KeySource config = new KeySource.Generated(SigningAlgorithm.ES256, Duration.ZERO, Optional.empty());

        TokenKeys keys = TokenKeys.open(config, TTL, new InMemoryKeyStore(), clock, TokenKeys.startAhead(config, TTL));

        assertThat(keys.ring().nextKey()).isEmpty();
        assertThat(keys.ring().publishedKeys()).hasSize(1);
    }

    @Test
    void keysTheSettingsNameAreNeverMadeAhead() {
        assertThat(TokenKeys.startAhead(SECRET, TTL)).isEmpty();
    }

    @Test
    void aSharedSecretNeverShowsInText() {
        assertThat(SECRET.toString()).doesNotContain("sss").contains("HS256");
    }
}
