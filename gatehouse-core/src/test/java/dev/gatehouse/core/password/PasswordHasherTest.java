package dev.gatehouse.core.password;

import dev.gatehouse.core.TestHashers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {
    private static final String PHC_OWASP = "\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}";

    @Nested
    class OwaspDefaults {
        private final PasswordHasher hasher = TestHashers.owasp();

        @Test
        void defaultsAreOwasp() {
            assertThat(hasher.parameters()).isEqualTo(Argon2Parameters.OWASP);
        }

        @Test
        void hashIsAnArgon2idPhcStringWithOwaspParameters() {
            String hash = hasher.hash("correct horse battery staple");

            assertThat(hash).matches(PHC_OWASP);
            assertThat(Argon2Parameters.of(hash)).contains(Argon2Parameters.OWASP);
        }

        @Test
        void rightPasswordMatchesWrongOneDoesNot() {
            String hash = hasher.hash("correct horse battery staple");

            assertThat(hasher.check("correct horse battery staple", hash)).isEqualTo(PasswordCheck.MATCH);
            assertThat(hasher.check("correct horse battery stapler", hash)).isEqualTo(PasswordCheck.MISMATCH);
        }

        @Test
        void hashWithWeakerParametersMatchesButNeedsRehash() {
            String weak = TestHashers.fast().hash("correct horse battery staple");

            assertThat(hasher.check("correct horse battery staple", weak)).isEqualTo(PasswordCheck.MATCH_NEEDS_REHASH);
            assertThat(hasher.check("correct horse battery staple", weak).matches()).isTrue();
            assertThat(hasher.check("wrong horse battery staple", weak)).isEqualTo(PasswordCheck.MISMATCH);
        }

        @Test
        void checkDummyAlwaysMismatches() {
            assertThat(hasher.checkDummy("anything at all")).isEqualTo(PasswordCheck.MISMATCH);
            // Not even the dummy's own password gets in.
            assertThat(hasher.checkDummy("gatehouse-dummy-password")).isEqualTo(PasswordCheck.MISMATCH);
        }
    }

    @Nested
    class Checking {
        private final PasswordHasher hasher = TestHashers.fast();

        @Test
        void freshSaltEveryTime() {
            String a = hasher.hash("same password");
            String b = hasher.hash("same password");

            assertThat(a).isNotEqualTo(b);
            assertThat(hasher.check("same password", a)).isEqualTo(PasswordCheck.MATCH);
            assertThat(hasher.check("same password", b)).isEqualTo(PasswordCheck.MATCH);
        }

        @Test
        void noTruncation() {
            String password = "a".repeat(200);
            String differsAt100 = "a".repeat(99) + "b" + "a".repeat(100);
            assertThat(differsAt100).hasSize(200);
            String hash = hasher.hash(password);

            assertThat(hasher.check(differsAt100, hash)).isEqualTo(PasswordCheck.MISMATCH);
            assertThat(hasher.check(password, hash)).isEqualTo(PasswordCheck.MATCH);
        }

        @Test
        void lastCharacterOfTheLongestPasswordCounts() {
            String longest = "x".repeat(PasswordPolicy.MAX_LENGTH - 1) + "y";
            String hash = hasher.hash(longest);

            assertThat(hasher.check("x".repeat(PasswordPolicy.MAX_LENGTH), hash)).isEqualTo(PasswordCheck.MISMATCH);
            assertThat(hasher.check(longest, hash)).isEqualTo(PasswordCheck.MATCH);
        }

        @Test
        void noTrimmingNoCaseFolding() {
            String hash = hasher.hash("password");

            assertThat(hasher.check("  password  ", hash)).isEqualTo(PasswordCheck.MISMATCH);
            assertThat(hasher.check("password ", hash)).isEqualTo(PasswordCheck.MISMATCH);
            assertThat(hasher.check("PASSWORD", hash)).isEqualTo(PasswordCheck.MISMATCH);
            assertThat(hasher.check("  password  ", hasher.hash("  password  "))).isEqualTo(PasswordCheck.MATCH);
        }

        @Test
        void unicodeIsHashedAsSentWithoutNormalisation() {
            String composed = "p\u00e4ssw\u00f6rd\uD83D\uDE00";        // ä, ö precomposed, then an emoji
            String decomposed = "pa\u0308sswo\u0308rd\uD83D\uDE00";    // the same text in NFD
            String hash = hasher.hash(composed);

            assertThat(hasher.check(composed, hash)).isEqualTo(PasswordCheck.MATCH);
            assertThat(hasher.check(decomposed, hash)).isEqualTo(PasswordCheck.MISMATCH);
        }

        @Test
        void strongerStoredHashNeedsNoRehash() {
            String stronger = new PasswordHasher(new Argon2Parameters(2048, 2, 1), 1, Duration.ofSeconds(5)).hash("pw-pw-pw-pw");

            assertThat(hasher.check("pw-pw-pw-pw", stronger)).isEqualTo(PasswordCheck.MATCH);
        }

        @Test
        void otherParallelismNeedsRehash() {
            String twoLanes = new PasswordHasher(new Argon2Parameters(1024, 1, 2), 1, Duration.ofSeconds(5)).hash("pw-pw-pw-pw");

            assertThat(twoLanes).contains("m=1024,t=1,p=2");
            assertThat(hasher.check("pw-pw-pw-pw", twoLanes)).isEqualTo(PasswordCheck.MATCH_NEEDS_REHASH);
        }

        @Test
        void tamperedHashMismatches() {
            String hash = hasher.hash("correct horse");
            char last = hash.charAt(hash.length() - 1);
            String tampered = hash.substring(0, hash.length() - 1) + (last == 'A' ? 'B' : 'A');

            assertThat(hasher.check("correct horse", tampered)).isEqualTo(PasswordCheck.MISMATCH);
            assertThat(hasher.check("correct horse", hash + "\n")).isEqualTo(PasswordCheck.MISMATCH);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "",
                "garbage",
                "password",
                "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
                "$argon2i$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=1024,t=1,p=1$YQ$YQ",
                "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=0,t=0,p=0$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=7,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=1024,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaA",
        })
        void garbageStoredHashIsAMismatchNotAnException(String stored) {
            assertThatCode(() -> assertThat(hasher.check("gatehouse-dummy-password", stored)).isEqualTo(PasswordCheck.MISMATCH))
                    .doesNotThrowAnyException();
        }

        @Test
        void checkDummyAlwaysMismatches() {
            assertThat(hasher.checkDummy("whatever-it-is")).isEqualTo(PasswordCheck.MISMATCH);
            assertThat(hasher.checkDummy("gatehouse-dummy-password")).isEqualTo(PasswordCheck.MISMATCH);
        }

        @Test
        void hashOfOneHasherIsCheckedByAnother() {
            String hash = hasher.hash("shared secret");
            PasswordHasher other = new PasswordHasher(TestHashers.CHEAP, 1, Duration.ofSeconds(5));

            assertThat(other.check("shared secret", hash)).isEqualTo(PasswordCheck.MATCH);
        }
    }

    @Test
    void refusesFewerThanOneSlot() {
        assertThatThrownBy(() -> new PasswordHasher(TestHashers.CHEAP, 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher(null, 1, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void matchesIsFalseOnlyForMismatch() {
        assertThat(PasswordCheck.MATCH.matches()).isTrue();
        assertThat(PasswordCheck.MATCH_NEEDS_REHASH.matches()).isTrue();
        assertThat(PasswordCheck.MISMATCH.matches()).isFalse();
    }
}
