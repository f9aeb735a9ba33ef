package dev.gatehouse.core.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.VerificationKeys;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of Wycheproof's json_web_signature_test.json through {@link JwsSignatureCheck}, the
 * signature-and-algorithm-policy path the access token verifier runs first (the vectors carry no
 * claims). Valid cases must verify, invalid ones must be refused, and cases whose algorithm
 * Gatehouse does not allow (PS384, PS512, ES512) must be refused whatever their label.
 */
class WycheproofJwsTest {
    private static final String FILE = "json_web_signature_test.json";

    /**
     * Label overrides, each with its reason. Per the vectors' README (checked there by recomputing the
     * MACs): 367 and 370 are labelled invalid but are byte-identical to the valid 357; 372 and 373 are
     * labelled valid but their MAC does not verify over the signing input as received (373 also holds
     * a '?', which is not base64url), so a strict verifier rejects them.
     */
    private static final Map<Integer, Boolean> ERRATA = Map.of(367, true, 370, true, 372, false, 373, false);

    record Case(int tcId, String comment, String label, String jws, VerificationKeys keys) {
    }

    @TestFactory
    Stream<DynamicTest> everyJwsCase() {
        JwsSignatureCheck check = new JwsSignatureCheck();
        return cases().stream().map(c -> DynamicTest.dynamicTest("tcId " + c.tcId() + " " + c.comment() + " (" + c.label() + ")", () -> {
            boolean expectValid = expectedValid(c);
            JwsCheck result = check.verify(c.jws(), c.keys());
            if (expectValid) {
                assertThat(result).as("tcId %d", c.tcId()).isInstanceOf(JwsCheck.Verified.class);
            } else {
                assertThat(result).as("tcId %d", c.tcId()).isInstanceOf(JwsCheck.Rejected.class);
            }
        }));
    }

    /** The refusals that matter most are refused for the right reason, not by accident. */
    @Test
    void notableCasesAreRefusedForTheRightReason() {
        JwsSignatureCheck check = new JwsSignatureCheck();
        Map<Integer, InvalidToken> expected = Map.ofEntries(
                Map.entry(8, InvalidToken.UNKNOWN_KEY),
                Map.entry(16, InvalidToken.MALFORMED),
                Map.entry(17, InvalidToken.MALFORMED),
                Map.entry(31, InvalidToken.ALGORITHM_MISMATCH),
                Map.entry(32, InvalidToken.FORBIDDEN_HEADER),
                // The PS512 group key cannot be bound (Gatehouse has no PS512), so its kid names no usable key.
                Map.entry(332, InvalidToken.UNKNOWN_KEY),
                Map.entry(341, InvalidToken.MALFORMED),
                Map.entry(342, InvalidToken.MALFORMED),
                Map.entry(346, InvalidToken.UNSUPPORTED_ALGORITHM),
                Map.entry(347, InvalidToken.UNSUPPORTED_ALGORITHM),
                Map.entry(353, InvalidToken.UNKNOWN_KEY),
                Map.entry(356, InvalidToken.UNKNOWN_KEY),
                Map.entry(360, InvalidToken.NON_CANONICAL_ENCODING),
                Map.entry(374, InvalidToken.NON_CANONICAL_ENCODING),
                Map.entry(379, InvalidToken.BAD_SIGNATURE),
                Map.entry(386, InvalidToken.BAD_SIGNATURE));
        for (Case c : cases()) {
            if (expected.containsKey(c.tcId())) {
                assertThat(check.verify(c.jws(), c.keys())).as("tcId %d %s", c.tcId(), c.comment())
                        .isEqualTo(new JwsCheck.Rejected(expected.get(c.tcId())));
            }
        }
    }

    @Test
    void theErrataAreWhatTheReadmeSays() {
        Map<Integer, Case> byId = new java.util.HashMap<>();
        cases().forEach(c -> byId.put(c.tcId(), c));
        assertThat(byId.get(367).jws()).isEqualTo(byId.get(357).jws());
        assertThat(byId.get(370).jws()).isEqualTo(byId.get(357).jws());
        assertThat(byId.get(357).label()).isEqualTo("valid");
        assertThat(byId.get(372).label()).isEqualTo("valid");
        assertThat(byId.get(373).label()).isEqualTo("valid");
    }

    @Test
    void allCasesAreRun() {
        Map<String, Object> json = Wycheproof.read(FILE);
        assertThat(cases()).hasSize(((Number) json.get("numberOfTests")).intValue());
    }

    private static boolean expectedValid(Case c) {
        if (ERRATA.containsKey(c.tcId())) {
            return ERRATA.get(c.tcId());
        }
        if (headerAlgorithm(c.jws()).filter(WycheproofJwsTest::allowed).isEmpty()) {
            return false;
        }
        return "valid".equals(c.label());
    }

    private static boolean allowed(String alg) {
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            if (algorithm.jwsName().equals(alg)) {
                return true;
            }
        }
        return false;
    }

    /** The header's alg when the JWS is compact and its header decodes; empty otherwise. */
    private static Optional<String> headerAlgorithm(String jws) {
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Object alg = JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString()).get("alg");
            return alg instanceof String s ? Optional.of(s) : Optional.empty();
        } catch (java.text.ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Map<String, Object> group : Wycheproof.list(Wycheproof.read(FILE), "testGroups")) {
            VerificationKeys keys = ring(group);
            for (Map<String, Object> test : Wycheproof.list(group, "tests")) {
                Object jws = test.get("jws");
                // A few cases give the JSON serialization as an object; as text it is still not a compact JWS.
                String text = jws instanceof String s ? s : JSONObjectUtils.toJSONString(Wycheproof.object(test, "jws"));
                cases.add(new Case(Wycheproof.tcId(test), String.valueOf(test.get("comment")), String.valueOf(test.get("result")), text, keys));
            }
        }
        return cases;
    }

    /** The group's verification key (the public JWK, or the secret for HMAC groups) as a one-key ring. */
    private static VerificationKeys ring(Map<String, Object> group) {
        Map<String, Object> jwkJson = group.containsKey("public") ? Wycheproof.object(group, "public") : Wycheproof.object(group, "private");
        Optional<SigningKey> key = toSigningKey(jwkJson);
        return kid -> key.filter(k -> k.kid().equals(kid));
    }

    /**
     * The key bound to the algorithm its JWK names. A few encryption keys name none; they are bound to
     * the algorithm their type implies (RSA: RS256, EC P-256: ES256) so that the test shows they are
     * refused for their {@code use}/{@code key_ops}, not for a missing binding. Keys naming an
     * algorithm Gatehouse does not allow cannot be bound at all.
     */
    private static Optional<SigningKey> toSigningKey(Map<String, Object> jwkJson) {
        try {
            JWK jwk = JWK.parse(jwkJson);
            String alg = jwk.getAlgorithm() != null ? jwk.getAlgorithm().getName()
                    : switch (jwk.getKeyType().getValue()) {
                        case "RSA" -> "RS256";
                        case "EC" -> "ES256";
                        default -> "HS256";
                    };
            Optional<SigningAlgorithm> algorithm = java.util.Arrays.stream(SigningAlgorithm.values())
                    .filter(a -> a.jwsName().equals(alg)).findFirst();
            String kid = jwk.getKeyID() == null ? "no-kid" : jwk.getKeyID();
            return algorithm.map(a -> new SigningKey(kid, a, jwk));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
