package dev.gatehouse.core.spi;

import dev.gatehouse.core.internal.support.SecureIds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenHashesTest {

    @Test
    void isSha256AsUnpaddedBase64Url() {
        // FIPS 180-2 test vectors: SHA-256("abc") and SHA-256("").
        assertThat(TokenHashes.sha256("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
        assertThat(TokenHashes.sha256("")).isEqualTo("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
    }

    @Test
    void isDeterministicAndDiffersFromTheToken() {
        String token = SecureIds.newToken();

        String hash = TokenHashes.sha256(token);

        assertThat(hash).isEqualTo(TokenHashes.sha256(token)).isNotEqualTo(token).hasSize(43);
        assertThat(TokenHashes.sha256(SecureIds.newToken())).isNotEqualTo(hash);
    }

    @Test
    void hashesUtf8Bytes() {
        // "é" as one code point and as e + combining accent are different byte sequences.
        assertThat(TokenHashes.sha256("\u00e9")).isNotEqualTo(TokenHashes.sha256("e\u0301"));
    }
}
