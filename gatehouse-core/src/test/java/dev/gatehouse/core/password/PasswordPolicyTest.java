package dev.gatehouse.core.password;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    @ParameterizedTest
    @NullAndEmptySource
    void missingPasswordIsRefused(String password) {
        assertThat(PasswordPolicy.violation(password)).contains("password is required");
    }

    @Test
    void sevenCharactersAreRefusedEightAccepted() {
        assertThat(PasswordPolicy.violation("1234567")).hasValueSatisfying(m -> assertThat(m).contains("at least 8"));
        assertThat(PasswordPolicy.violation("1234567x")).isEmpty();
    }

    @Test
    void longPasswordsAreAcceptedUpTo1024() {
        assertThat(PasswordPolicy.violation("p".repeat(64))).isEmpty();
        assertThat(PasswordPolicy.violation("p".repeat(1024))).isEmpty();
        assertThat(PasswordPolicy.violation("p".repeat(1025))).hasValueSatisfying(m -> assertThat(m).contains("at most 1024"));
    }

    @Test
    void lengthCountsCodePointsNotUtf16Units() {
        String grinning = "\uD83D\uDE00"; // U+1F600: one code point, two chars
        assertThat(grinning.repeat(4)).hasSize(8);

        // 4 code points in 8 chars: too short.
        assertThat(PasswordPolicy.violation(grinning.repeat(4))).isPresent();
        // 8 code points in 16 chars: long enough.
        assertThat(PasswordPolicy.violation(grinning.repeat(8))).isEmpty();
        // 1024 code points in 2048 chars: still accepted; 1025 are not.
        assertThat(PasswordPolicy.violation(grinning.repeat(1024))).isEmpty();
        assertThat(PasswordPolicy.violation(grinning.repeat(1025))).isPresent();
    }

    @Test
    void nothingIsTrimmed() {
        // Seven letters padded with spaces: eight or more characters as sent, so accepted as is.
        assertThat(PasswordPolicy.violation(" passwd ")).isEmpty();
        assertThat(PasswordPolicy.violation("        ")).isEmpty();
        assertThat(PasswordPolicy.violation(" 123456")).isPresent();
    }

    @Test
    void loneSurrogatesAreNotTextAndAreRefused() {
        // argon2-jvm would encode each lone surrogate as '?', making these equal to "?abcdefgh".
        assertThat(PasswordPolicy.violation("\uD800abcdefgh")).hasValueSatisfying(m -> assertThat(m).contains("valid Unicode"));
        assertThat(PasswordPolicy.violation("abcdefgh\uDC00")).isPresent();
        assertThat(PasswordPolicy.violation("abcdefgh\uD83D\uDE00")).isEmpty();
    }
}
