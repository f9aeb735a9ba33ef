package dev.gatehouse.core.internal.keys;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.core.keys.KeyGenerator;
import dev.gatehouse.core.keys.KeyRing;
import dev.gatehouse.core.keys.KeyRotationPolicy;
import dev.gatehouse.core.keys.RingKey;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.TestKeys;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JwksTest {
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    @Test
    void publishesOnlyPublicMembersOfAsymmetricKeysWithKidAlgAndUse() throws Exception {
        SigningKey rsa = TestKeys.rsa(0);
        SigningKey ec = KeyGenerator.generate(SigningAlgorithm.ES384);
        SigningKey ed = KeyGenerator.generate(SigningAlgorithm.EDDSA);
        SigningKey hmac = KeyGenerator.generate(SigningAlgorithm.HS512);

        String json = Jwks.json(List.of(rsa, ec, ed, hmac));

        List<Map<String, Object>> keys = keys(json);
        assertThat(keys).extracting(k -> k.get("kid")).containsExactlyInAnyOrder(rsa.kid(), ec.kid(), ed.kid());
        assertThat(keys).extracting(k -> k.get("alg")).containsExactlyInAnyOrder("RS256", "ES384", "EdDSA");
        assertThat(keys).allSatisfy(k -> {
            assertThat(k).containsEntry("use", "sig").doesNotContainKeys(PRIVATE_MEMBERS.toArray(String[]::new));
            assertThat(k.get("kty")).isNotEqualTo("oct");
        });
        assertThat(json).doesNotContain(hmac.kid(), "\"oct\"");
    }

    @Test
    void aRotatingRingPublishesNextActiveAndRetiredButNeverHmacKeys() throws Exception {
        MutableClock clock = MutableClock.atFixedStart();
        KeyRotationPolicy policy = KeyRotationPolicy.every(Duration.ofHours(1), Duration.ofMinutes(15));
        KeyRing ring = KeyRing.start(policy, clock.instant(), () -> KeyGenerator.generate(SigningAlgorithm.EDDSA));
        clock.advance(Duration.ofHours(1));
        ring = ring.rotate(clock.instant(), () -> KeyGenerator.generate(SigningAlgorithm.EDDSA));

        List<Map<String, Object>> keys = keys(Jwks.json(ring));

        assertThat(keys).extracting(k -> k.get("kid"))
                .containsExactlyInAnyOrderElementsOf(ring.keys().stream().map(RingKey::kid).toList());
        assertThat(keys).allSatisfy(k -> assertThat(k).doesNotContainKeys(PRIVATE_MEMBERS.toArray(String[]::new)));

        KeyRing hmacRing = KeyRing.start(policy, clock.instant(), () -> KeyGenerator.generate(SigningAlgorithm.HS256));
        assertThat(keys(Jwks.json(hmacRing))).isEmpty();
    }

    private static List<Map<String, Object>> keys(String json) throws Exception {
        Map<String, Object> set = JSONObjectUtils.parse(json);
        assertThat(set).containsOnlyKeys("keys");
        return JSONObjectUtils.getJSONObjectArray(set, "keys") == null ? List.of()
                : List.of(JSONObjectUtils.getJSONObjectArray(set, "keys"));
    }
}
