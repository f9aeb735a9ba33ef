package dev.gatehouse.core.internal.password;

import dev.gatehouse.core.password.PasswordPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class CommonPasswordsTest {
    private static final String REFUSAL = "this password is one of the most commonly used; choose another";

    private static List<String> shippedList() throws IOException {
        InputStream resource = CommonPasswords.class.getResourceAsStream(CommonPasswords.RESOURCE);
        assertThat(resource).as("the list ships beside the class").isNotNull();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.UTF_8))) {
            in.lines().forEach(lines::add);
        }
        return lines;
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "12345678", "Password1", "PASSWORD1", "pAsSwOrD1", "Passw0rd", "qwertyuiop", "iloveyou2",
            "trustno1", "p@ssw0rd", "football",
            // Full-width forms fold (NFKC) to "password1".
            "\uFF50\uFF41\uFF53\uFF53\uFF57\uFF4F\uFF52\uFF44\uFF11"})
    void commonPasswordsAndTheirCaseVariantsAreRefusedSayingWhy(String password) {
        assertThat(CommonPasswords.contains(password)).isTrue();
        assertThat(PasswordPolicy.violation(password)).contains(REFUSAL);
    }

    @Test
    void theRefusalNeverRepeatsThePassword() {
        assertThat(PasswordPolicy.violation("Password1").orElseThrow()).doesNotContainIgnoringCase("password1");
    }

    @Test
    void everyEntryOfTheShippedListIsRefusedByTheLengthRuleOrAsCommon() throws IOException {
        List<String> list = shippedList();
        assertThat(list).hasSize(100_000);
        assertThat(list).filteredOn(entry -> PasswordPolicy.violation(entry).isEmpty()).isEmpty();
        // A sampled entry long enough for the length rule, and the list's last such entry.
        assertThat(PasswordPolicy.violation(list.get(54_321))).as(list.get(54_321).length() + " characters").isPresent();
        String lastLongEnough = list.reversed().stream().filter(e -> e.length() >= PasswordPolicy.MIN_LENGTH).findFirst().orElseThrow();
        assertThat(PasswordPolicy.violation(lastLongEnough)).contains(REFUSAL);
    }

    @Test
    void onlyTheEntriesLongEnoughToPassTheLengthRuleAreKept() {
        // 38,452 distinct folded entries of 8 or more characters: ~300 KB as a long[].
        assertThat(CommonPasswords.size()).isEqualTo(38_452);
    }

    @Test
    void aLongRandomPassphraseIsAccepted() {
        SecureRandom random = new SecureRandom();
        String[] words = {"correct", "horse", "battery", "staple", "orbit", "lantern", "willow", "quartz", "meadow", "falcon"};
        StringBuilder phrase = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            phrase.append(words[random.nextInt(words.length)]).append(random.nextInt(100)).append(' ');
        }
        assertThat(PasswordPolicy.violation(phrase.toString())).isEmpty();
        assertThat(PasswordPolicy.violation("correct horse battery staple")).isEmpty();
        assertThat(PasswordPolicy.violation("1234567x")).isEmpty();
    }
}
