package dev.gatehouse.core.authn;

import dev.gatehouse.core.config.ConfigLoader;
import dev.gatehouse.core.config.TokenConfig;
import dev.gatehouse.core.keys.KeyFiles;
import dev.gatehouse.core.keys.KeyGenerator;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.memory.InMemoryKeyStore;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each key source the settings can name ends up as a ring that signs and verifies. */
class TokenKeysTest {
    private final MutableClock clock = MutableClock.atFixedStart();

    @TempDir
    Path dir;

    private static TokenConfig tokens(Map<String, String> settings) {
        return ConfigLoader.load(settings, Map.of()).tokens();
    }

    @Test
    void aJwtSecretGivesOneFixedHmacKey() {
        TokenKeys keys = TokenKeys.fromConfig(tokens(Map.of("JWT_ALGORITHM", "HS256", "JWT_SECRET", "s".repeat(32))), new InMemoryKeyStore(), clock);
        SigningKey signing = keys.ring().signingKey();
        assertThat(signing.algorithm()).isEqualTo(SigningAlgorithm.HS256);
        assertThat(keys.verificationKeys().find(signing.kid())).contains(signing);
        assertThat(keys.rotator()).isEmpty();
        assertThat(keys.ring().publishedKeys()).as("an HMAC secret is never published").isEmpty();
    }

    @Test
    void aPemKeyPairIsLoadedAndNeverRotated() throws Exception {
        KeyFiles.Written files = KeyFiles.write(KeyGenerator.generate(SigningAlgorithm.ES256), dir.resolve("keys"));
        TokenKeys keys = TokenKeys.fromConfig(tokens(Map.of("JWT_ALGORITHM", "ES256", "JWT_PRIVATE_KEY_FILE", files.privateKey().toString(),
                "JWT_PUBLIC_KEY_FILE", files.publicKey().toString())), new InMemoryKeyStore(), clock);
        assertThat(keys.ring().signingKey().algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertThat(keys.ring().signingKey().canSign()).isTrue();
        assertThat(keys.rotator()).isEmpty();
        assertThat(keys.ring().publishedKeys()).hasSize(1);
    }

    @Test
    void generatedKeysAreKeptInTheStoreAndFoundAgain() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        TokenConfig config = tokens(Map.of("JWT_ALGORITHM", "EdDSA"));
        TokenKeys first = TokenKeys.fromConfig(config, store, clock);
        TokenKeys second = TokenKeys.fromConfig(config, store, clock);
        assertThat(first.rotator()).isPresent();
        assertThat(second.ring().signingKey().kid()).isEqualTo(first.ring().signingKey().kid());
        assertThat(second.verificationKeys().find(first.ring().signingKey().kid())).isPresent();
    }

    @Test
    void keysMadeAheadMakeTheFirstRing() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        TokenConfig config = tokens(Map.of("JWT_ALGORITHM", "ES256"));
        Optional<NewRingKeys> ahead = TokenKeys.startAhead(config);

        TokenKeys keys = TokenKeys.fromConfig(config, store, clock, ahead);

        assertThat(ahead).isPresent();
        assertThat(keys.ring().signingKey().canSign()).isTrue();
        assertThat(keys.ring().nextKey()).as("a ring that rotates publishes its next key from the start").isPresent();
        assertThat(store.load()).isPresent();
        assertThat(TokenKeys.fromConfig(config, store, clock).ring().signingKey().kid()).isEqualTo(keys.ring().signingKey().kid());
    }

    @Test
    void keysMadeAheadGiveWayToARingAlreadyStored() {
        InMemoryKeyStore store = new InMemoryKeyStore();
        TokenConfig config = tokens(Map.of("JWT_ALGORITHM", "ES256"));
        TokenKeys first = TokenKeys.fromConfig(config, store, clock);

        TokenKeys second = TokenKeys.fromConfig(config, store, clock, TokenKeys.startAhead(config));

        assertThat(second.ring().signingKey().kid()).isEqualTo(first.ring().signingKey().kid());
        assertThat(second.ring().nextKey().orElseThrow().kid()).isEqualTo(first.ring().nextKey().orElseThrow().kid());
    }

    @Test
    void aRingThatNeverRotatesHasOneKeyMadeAhead() {
        TokenConfig config = tokens(Map.of("JWT_ALGORITHM", "ES256", "JWT_ROTATE_INTERVAL", "0"));

        TokenKeys keys = TokenKeys.fromConfig(config, new InMemoryKeyStore(), clock, TokenKeys.startAhead(config));

        assertThat(keys.ring().nextKey()).isEmpty();
        assertThat(keys.ring().publishedKeys()).hasSize(1);
    }

    @Test
    void keysTheSettingsNameAreNeverMadeAhead() {
        assertThat(TokenKeys.startAhead(tokens(Map.of("JWT_ALGORITHM", "HS256", "JWT_SECRET", "s".repeat(32))))).isEmpty();
    }
}
