package dev.gatehouse.core.keys;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {
    @Test
    void refusesAJwkWhosePrivatePartBelongsToAnotherKey() throws Exception {
        ECKey mine = (ECKey) KeyGenerator.generate(SigningAlgorithm.ES256).jwk();
        ECKey theirs = (ECKey) KeyGenerator.generate(SigningAlgorithm.ES256).jwk();
        Map<String, Object> members = mine.toJSONObject();
        members.put("d", theirs.getD().toString());
        JWK mixed = JWK.parse(members);

        assertThatThrownBy(() -> SigningKeys.fromJwk(mixed, SigningAlgorithm.ES256))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("do not belong together")
                .message().doesNotContain(theirs.getD().toString());
    }

    @Test
    void keepsAJwksOwnKidAndLabelsAlgAndUse() {
        JWK jwk = KeyGenerator.generate(SigningAlgorithm.EDDSA).jwk();
        Map<String, Object> members = jwk.toJSONObject();
        members.put("kid", "my-key");
        members.remove("alg");
        members.remove("use");

        SigningKey key = SigningKeys.fromJwk(parse(members), SigningAlgorithm.EDDSA);

        assertThat(key.kid()).isEqualTo("my-key");
        assertThat(key.jwk().getAlgorithm().getName()).isEqualTo("EdDSA");
        assertThat(key.jwk().getKeyUse().identifier()).isEqualTo("sig");
        assertThatThrownBy(() -> SigningKeys.fromJwk(parse(members))).hasMessageContaining("no \"alg\"");
    }

    @Test
    void refusesAKeyDeclaredForAnotherAlgorithm() {
        SigningKey es256 = KeyGenerator.generate(SigningAlgorithm.ES256);

        assertThatThrownBy(() -> SigningKeys.fromJwk(es256.jwk(), SigningAlgorithm.ES384))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("declared for ES256");
    }

    @Test
    void generatedRsaKeysDoNotTripTheRocaFingerprint() {
        assertThat(RocaFingerprint.matches(((com.nimbusds.jose.jwk.RSAKey) TestKeys.rsa(0).jwk()).getModulus().decodeToBigInteger()))
                .isFalse();
    }

    private static JWK parse(Map<String, Object> members) {
        try {
            return JWK.parse(members);
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
