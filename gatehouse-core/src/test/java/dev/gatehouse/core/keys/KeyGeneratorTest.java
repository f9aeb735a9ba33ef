package dev.gatehouse.core.keys;

import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.gatehouse.core.internal.keys.HmacSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyGeneratorTest {
    /** RS384 and RS512 take the RS256 path with another label; RSA generation is too slow to repeat for them. */
    @ParameterizedTest
    @EnumSource(value = SigningAlgorithm.class, mode = EnumSource.Mode.EXCLUDE, names = {"RS384", "RS512"})
    void generatesAFittingSigningKeyForEveryAlgorithm(SigningAlgorithm algorithm) {
        SigningKey key = KeyGenerator.generate(algorithm);

        assertThat(key.algorithm()).isEqualTo(algorithm);
        assertThat(key.canSign()).isTrue();
        assertThat(key.kid()).isEqualTo(SigningKeys.thumbprint(key.jwk()));
        assertThat(key.jwk().getAlgorithm().getName()).isEqualTo(algorithm.jwsName());
        assertThat(key.jwk().getKeyUse().identifier()).isEqualTo("sig");
        assertThat(key.toString()).doesNotContain("\"d\"", "\"k\"");
        if (algorithm.family() != SigningAlgorithm.Family.RSA) {
            assertThat(KeyGenerator.generate(algorithm).kid()).isNotEqualTo(key.kid());
        }
    }

    @Test
    void hmacSecretsAreAsLongAsTheHash() {
        assertThat(((OctetSequenceKey) KeyGenerator.generate(SigningAlgorithm.HS256).jwk()).toByteArray()).hasSize(32);
        assertThat(((OctetSequenceKey) KeyGenerator.generate(SigningAlgorithm.HS512).jwk()).toByteArray()).hasSize(64);
    }

    @Test
    void jwtSecretTextMustBeAsLongAsTheHash() {
        String thirtyTwo = "0123456789abcdef0123456789abcdef";

        assertThat(HmacSecrets.fromText(SigningAlgorithm.HS256, thirtyTwo).canSign()).isTrue();
        assertThatThrownBy(() -> HmacSecrets.fromText(SigningAlgorithm.HS384, thirtyTwo))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("48").message().doesNotContain(thirtyTwo);
        assertThatThrownBy(() -> HmacSecrets.fromText(SigningAlgorithm.HS256, "short"))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("32");
        assertThatThrownBy(() -> HmacSecrets.fromText(SigningAlgorithm.RS256, thirtyTwo)).isInstanceOf(KeyRejectedException.class);
        assertThatThrownBy(() -> HmacSecrets.fromText(SigningAlgorithm.HS256, "")).isInstanceOf(KeyRejectedException.class);
    }
}
