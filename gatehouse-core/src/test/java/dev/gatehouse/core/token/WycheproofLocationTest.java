package dev.gatehouse.core.token;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The vectors travel with the repository: every file the tests read is on the test class path. */
class WycheproofLocationTest {
    @Test
    void everyVectorFileTheTestsReadIsPresent() {
        for (String file : new String[]{"json_web_signature_test.json", "json_web_key_test.json",
                "ecdsa_secp256r1_sha256_p1363_test.json", "ed25519_test.json", "rsa_signature_2048_sha256_test.json",
                "hmac_sha256_test.json", "hmac_sha512_test.json"}) {
            assertThat(Wycheproof.list(Wycheproof.read(file), "testGroups")).as(file).isNotEmpty();
        }
    }

    @Test
    void aMissingFileFailsInsteadOfSkipping() {
        assertThatThrownBy(() -> Wycheproof.read("no_such_test.json"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing");
    }
}
