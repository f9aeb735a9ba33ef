package dev.gatehouse.server.config;

import dev.gatehouse.core.keys.KeySource;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.token.AccessTokenSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The token settings as the library's types: which keys, which issuer. */
class TokenConfigTest {
    private static TokenConfig tokens(Map<String, String> settings) {
        return ConfigLoader.load(settings, Map.of()).tokens();
    }

    @Test
    void aPemFileASecretOrNeitherNameTheirKeySource(@TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("key.pem"), "unread here");
        assertThat(tokens(Map.of("JWT_ALGORITHM", "ES256", "JWT_PRIVATE_KEY_FILE", pem.toString())).keySource())
                .isEqualTo(new KeySource.PemFiles(SigningAlgorithm.ES256, pem, Optional.empty()));
        assertThat(tokens(Map.of("JWT_ALGORITHM", "HS384", "JWT_SECRET", "s".repeat(48))).keySource())
                .isEqualTo(new KeySource.SharedSecret(SigningAlgorithm.HS384, "s".repeat(48)));
        assertThat(tokens(Map.of("JWT_ALGORITHM", "ES256", "JWT_ROTATE_INTERVAL", "7d")).keySource())
                .isEqualTo(new KeySource.Generated(SigningAlgorithm.ES256, Duration.ofDays(7), Optional.empty()));
    }

    @Test
    void generatedKeysAreEncryptedUnderTheMasterKeyWhenOneIsSet() {
        String master = Base64.getEncoder().encodeToString(new byte[32]);
        KeySource source = tokens(Map.of("JWT_ALGORITHM", "RS256", "GATEHOUSE_MASTER_KEY", master)).keySource();
        assertThat(source).isInstanceOfSatisfying(KeySource.Generated.class, generated -> assertThat(generated.masterKey()).isPresent());
    }

    @Test
    void tokensNameTheServerAsIssuerUnlessAnotherIsSet() {
        assertThat(tokens(Map.of()).accessTokenSettings("https://auth.example.com"))
                .isEqualTo(new AccessTokenSettings("https://auth.example.com", "gatehouse", java.time.Duration.ofMinutes(15)));
        assertThat(tokens(Map.of("GATEHOUSE_ISSUER", "https://id.example.org")).accessTokenSettings("https://auth.example.com").issuer())
                .isEqualTo("https://id.example.org");
    }
}
