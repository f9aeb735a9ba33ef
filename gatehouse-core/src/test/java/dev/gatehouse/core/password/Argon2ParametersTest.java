package dev.gatehouse.core.password;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Argon2ParametersTest {

    @Test
    void owaspIs19MiBTwoPassesOneLane() {
        assertThat(Argon2Parameters.OWASP).isEqualTo(new Argon2Parameters(19456, 2, 1));
    }

    @Test
    void refusesImpossibleParameters() {
        assertThatThrownBy(() -> new Argon2Parameters(7, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2Parameters(1024, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2Parameters(1024, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2Parameters(15, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Argon2Parameters(8, 1, 1).memoryKiB()).isEqualTo(8);
    }

    @Test
    void readsParametersFromAPhcString() {
        assertThat(Argon2Parameters.of("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaA"))
                .contains(Argon2Parameters.OWASP);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
            "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA",
            "$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA==",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA\n",
            "$argon2id$v=19$t=2,m=19456,p=1$c29tZXNhbHQ$aGFzaA",
            "$argon2id$v=19$m=0,t=0,p=0$c29tZXNhbHQ$aGFzaA",
            "$argon2id$v=19$m=7,t=1,p=1$c29tZXNhbHQ$aGFzaA",
            "$argon2id$v=19$m=1024,t=0,p=1$c29tZXNhbHQ$aGFzaA",
    })
    void unusableStringsGiveNothingAndNeverThrow(String phc) {
        assertThat(Argon2Parameters.of(phc)).isEmpty();
    }

    @Test
    void strongerMeansMoreMemoryOrMorePassesOrOtherLanes() {
        Argon2Parameters owasp = Argon2Parameters.OWASP;

        assertThat(owasp.isStrongerThan(new Argon2Parameters(1024, 1, 1))).isTrue();
        assertThat(owasp.isStrongerThan(new Argon2Parameters(19456, 1, 1))).isTrue();
        assertThat(owasp.isStrongerThan(new Argon2Parameters(1024, 9, 1))).isTrue();
        assertThat(owasp.isStrongerThan(new Argon2Parameters(19456, 2, 2))).isTrue();
        assertThat(owasp.isStrongerThan(owasp)).isFalse();
        assertThat(owasp.isStrongerThan(new Argon2Parameters(65536, 3, 1))).isFalse();
    }
}
