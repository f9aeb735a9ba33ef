package dev.gatehouse.core.keys;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.core.token.Wycheproof;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every case of Wycheproof's {@code json_web_key_test.json} through Gatehouse's JWK acceptance
 * path ({@link SigningKeys#fromJwkSet}): a case is "valid" when the key set is accepted and its
 * JWS verifies under the key its kid names, with that key's own algorithm. The verification here
 * is only the harness; the cases are about which keys and key sets are accepted.
 */
class WycheproofJsonWebKeyTest {
    /**
     * Cases whose expected result we deliberately differ from, with the reason. None so far: the
     * README's errata concern json_web_signature_test.json, not this file.
     */
    private static final Map<Integer, String> OVERRIDES = Map.of();

    /**
     * For cases whose key set must be refused, a word the refusal names, so that each is refused for
     * its own reason and not by accident (the JWS of most of them would verify).
     */
    private static final Map<Integer, String> REFUSAL_REASONS = Map.ofEntries(
            Map.entry(1, "mixes public keys"), Map.entry(4, "two keys with kid"), Map.entry(6, "RSA1_5"),
            Map.entry(7, "ROCA"), Map.entry(8, "at least 2048"), Map.entry(9, "exponent"),
            Map.entry(10, "at least 32 bytes"), Map.entry(11, "at least 48 bytes"), Map.entry(12, "at least 64 bytes"),
            Map.entry(16, "at least 32 bytes"), Map.entry(17, "at least 48 bytes"), Map.entry(18, "at least 64 bytes"),
            Map.entry(19, "ES521"), Map.entry(20, "ES224"), Map.entry(21, "use"), Map.entry(22, "malformed"),
            Map.entry(23, "malformed"), Map.entry(24, "malformed"), Map.entry(25, "A256GCM"), Map.entry(26, "A256KW"));

    @TestFactory
    List<DynamicTest> everyJwkCase() throws Exception {
        Map<String, Object> root = Wycheproof.read("json_web_key_test.json");
        List<DynamicTest> tests = new ArrayList<>();
        int count = 0;
        for (Map<String, Object> group : JSONObjectUtils.getJSONObjectArray(root, "testGroups")) {
            Map<String, Object> privateSet = JSONObjectUtils.getJSONObject(group, "private");
            Map<String, Object> publicSet = JSONObjectUtils.getJSONObject(group, "public");
            Map<String, Object> verifyingSet = publicSet != null ? publicSet : privateSet;
            for (Map<String, Object> test : JSONObjectUtils.getJSONObjectArray(group, "tests")) {
                count++;
                int tcId = JSONObjectUtils.getInt(test, "tcId");
                boolean expectedValid = "valid".equals(JSONObjectUtils.getString(test, "result")) != OVERRIDES.containsKey(tcId);
                String name = "tcId " + tcId + " " + JSONObjectUtils.getString(test, "comment") + " (" + group.get("comment") + ")";
                String jws = JSONObjectUtils.getString(test, "jws");
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    assertThat(accepts(verifyingSet, jws)).as(name).isEqualTo(expectedValid);
                    if (REFUSAL_REASONS.containsKey(tcId)) {
                        assertThatThrownBy(() -> SigningKeys.fromJwkSet(JSONObjectUtils.toJSONString(verifyingSet)))
                                .as(name).isInstanceOf(KeyRejectedException.class).hasMessageContaining(REFUSAL_REASONS.get(tcId));
                    }
                    if (expectedValid && publicSet != null) {
                        assertThat(accepts(privateSet, jws)).as(name + " with the private key set").isTrue();
                    }
                }));
            }
        }
        assertThat(count).isEqualTo(JSONObjectUtils.getInt(root, "numberOfTests"));
        return tests;
    }

    private static boolean accepts(Map<String, Object> keySet, String jws) {
        List<SigningKey> keys;
        try {
            keys = SigningKeys.fromJwkSet(JSONObjectUtils.toJSONString(keySet));
        } catch (KeyRejectedException e) {
            return false;
        }
        try {
            JWSObject token = JWSObject.parse(jws);
            Optional<SigningKey> key = keys.stream().filter(k -> k.kid().equals(token.getHeader().getKeyID())).findFirst();
            if (key.isEmpty() || !key.get().algorithm().jws().equals(token.getHeader().getAlgorithm())) {
                return false;
            }
            return token.verify(verifier(key.get()));
        } catch (Exception e) {
            return false;
        }
    }

    private static JWSVerifier verifier(SigningKey key) throws Exception {
        if (key.algorithm().isAsymmetric()) {
            return SigningKeys.verifier(key.jwk().toPublicJWK());
        }
        return new MACVerifier((OctetSequenceKey) key.jwk());
    }
}
