package dev.gatehouse.core.internal.support;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SecureIdsTest {
    private static final String CANONICAL_LAST = "AEIMQUYcgkosw048";

    @RepeatedTest(20)
    void tokenIs43UrlSafeCharactersWithCanonicalLastCharacter() {
        String token = SecureIds.newToken();

        assertThat(token).hasSize(SecureIds.TOKEN_LENGTH).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(CANONICAL_LAST).contains(token.substring(42));
        assertThat(SecureIds.isWellFormedToken(token)).isTrue();
    }

    @Test
    void tokenDecodesToThirtyTwoBytesAndReEncodesIdentically() {
        String token = SecureIds.newToken();

        byte[] bytes = Base64.getUrlDecoder().decode(token);

        assertThat(bytes).hasSize(SecureIds.TOKEN_BYTES);
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).isEqualTo(token);
    }

    @Test
    void manyTokensAreDistinct() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            tokens.add(SecureIds.newToken());
        }
        assertThat(tokens).hasSize(10_000);
    }

    @Test
    void everyCanonicalLastCharacterIsAcceptedAndOnlyThose() {
        String prefix = "A".repeat(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (char c : alphabet.toCharArray()) {
            boolean canonical = CANONICAL_LAST.indexOf(c) >= 0;
            assertThat(SecureIds.isWellFormedToken(prefix + c)).as("last char '%s'", c).isEqualTo(canonical);
            // The set is exactly the characters whose two low bits are zero: 32 bytes end on 4 significant bits.
            assertThat(alphabet.indexOf(c) % 4 == 0).isEqualTo(canonical);
        }
    }

    static Stream<String> malformedTokens() {
        String a42 = "A".repeat(42);
        return Stream.of(
                a42,                    // one short
                a42 + "AA",             // one long
                a42.substring(1) + "A=", // padding
                a42.substring(1) + "+A", // standard base64 alphabet
                a42.substring(1) + "/A",
                a42.substring(1) + " A", // space
                a42.substring(1) + "\u00e9A", // non-ASCII letter
                a42.substring(1) + "\u0000A", // control
                a42 + "B",              // non-canonical last character
                a42 + "_",
                a42 + "z");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @MethodSource("malformedTokens")
    void rejectsMalformedTokens(String text) {
        assertThat(SecureIds.isWellFormedToken(text)).isFalse();
    }

    @Test
    void rejectsATokenWithOneCharacterChanged() {
        String token = SecureIds.newToken();
        String tampered = "*" + token.substring(1);

        assertThat(SecureIds.isWellFormedToken(tampered)).isFalse();
    }

    @Test
    void uuidsAreRandomVersion4AndDistinct() {
        UUID a = SecureIds.newUuid();
        UUID b = SecureIds.newUuid();

        assertThat(a.version()).isEqualTo(4);
        assertThat(a).isNotEqualTo(b);
    }
}
