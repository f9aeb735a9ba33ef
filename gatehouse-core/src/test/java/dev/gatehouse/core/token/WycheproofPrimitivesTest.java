package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.Base64URL;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The primitive vectors under ES256, EdDSA, RS256, HS256 and HS512, through the verifiers Gatehouse
 * verifies tokens with: the same {@link PinnedVerifierFactory} builds them, from the same kind of
 * key. Nimbus' {@link JWSVerifier#verify(JWSHeader, byte[], Base64URL)} takes the signed bytes as
 * given (for a JWS they are the signing input), so each vector's raw message goes straight in; no
 * JCA call is made by the test itself.
 *
 * <p>RSA's one "acceptable" case (a DigestInfo without the NULL parameter) may go either way but
 * must not throw. HMAC groups are used only where the tag is the full hash (as HS256/HS512 use it);
 * keys shorter than the hash are below RFC 7518's minimum, so Gatehouse must refuse to verify with
 * them at all.
 */
class WycheproofPrimitivesTest {
    private final PinnedVerifierFactory factory = new PinnedVerifierFactory();

    @TestFactory
    Stream<DynamicNode> ecdsaP256Sha256P1363() {
        return signatureFile("ecdsa_secp256r1_sha256_p1363_test.json", SigningAlgorithm.ES256, "publicKeyJwk");
    }

    @TestFactory
    Stream<DynamicNode> ed25519() {
        return signatureFile("ed25519_test.json", SigningAlgorithm.EDDSA, "publicKeyJwk");
    }

    @TestFactory
    Stream<DynamicNode> rsaPkcs1Sha256() {
        return signatureFile("rsa_signature_2048_sha256_test.json", SigningAlgorithm.RS256, "keyJwk");
    }

    @TestFactory
    Stream<DynamicNode> hmacSha256() {
        return macFile("hmac_sha256_test.json", SigningAlgorithm.HS256, 256);
    }

    @TestFactory
    Stream<DynamicNode> hmacSha512() {
        return macFile("hmac_sha512_test.json", SigningAlgorithm.HS512, 512);
    }

    private Stream<DynamicNode> signatureFile(String file, SigningAlgorithm algorithm, String jwkMember) {
        List<DynamicNode> groups = new ArrayList<>();
        List<Map<String, Object>> testGroups = Wycheproof.list(Wycheproof.read(file), "testGroups");
        for (int g = 0; g < testGroups.size(); g++) {
            Map<String, Object> group = testGroups.get(g);
            SigningKey key = new SigningKey("wycheproof-" + g, algorithm, publicJwk(group, jwkMember));
            List<DynamicTest> tests = new ArrayList<>();
            for (Map<String, Object> test : Wycheproof.list(group, "tests")) {
                tests.add(DynamicTest.dynamicTest(name(test), () -> {
                    boolean verified = verify(key, Wycheproof.hex(test, "msg"), Wycheproof.hex(test, "sig"));
                    assertOutcome(test, verified);
                }));
            }
            groups.add(DynamicContainer.dynamicContainer(file + " group " + g, tests));
        }
        return groups.stream();
    }

    private Stream<DynamicNode> macFile(String file, SigningAlgorithm algorithm, int hashBits) {
        List<DynamicNode> groups = new ArrayList<>();
        for (Map<String, Object> group : Wycheproof.list(Wycheproof.read(file), "testGroups")) {
            int keyBits = ((Number) group.get("keySize")).intValue();
            int tagBits = ((Number) group.get("tagSize")).intValue();
            if (tagBits != hashBits) {
                continue;
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (Map<String, Object> test : Wycheproof.list(group, "tests")) {
                SigningKey key = new SigningKey("wycheproof-mac", algorithm, new OctetSequenceKey.Builder(Wycheproof.hex(test, "key")).build());
                byte[] msg = Wycheproof.hex(test, "msg");
                byte[] tag = Wycheproof.hex(test, "tag");
                tests.add(DynamicTest.dynamicTest(name(test), () -> {
                    if (keyBits < hashBits) {
                        assertThatThrownBy(() -> verify(key, msg, tag)).as("a %d-bit key is below the minimum for %s", keyBits, algorithm)
                                .isInstanceOf(JOSEException.class);
                    } else {
                        assertOutcome(test, verify(key, msg, tag));
                    }
                }));
            }
            groups.add(DynamicContainer.dynamicContainer(file + " key " + keyBits + " tag " + tagBits, tests));
        }
        assertThat(groups).isNotEmpty();
        return groups.stream();
    }

    private boolean verify(SigningKey key, byte[] message, byte[] signature) throws JOSEException {
        JWSHeader header = new JWSHeader(key.algorithm().jws());
        JWSVerifier verifier = factory.createJWSVerifier(header, new PinnedKey(key));
        return verifier.verify(header, message, Base64URL.encode(signature));
    }

    private static void assertOutcome(Map<String, Object> test, boolean verified) {
        switch ((String) test.get("result")) {
            case "valid" -> assertThat(verified).as(name(test)).isTrue();
            case "invalid" -> assertThat(verified).as(name(test)).isFalse();
            default -> {
                // "acceptable": either answer is allowed; reaching here means no exception was thrown.
            }
        }
    }

    private static String name(Map<String, Object> test) {
        return "tcId " + Wycheproof.tcId(test) + " " + test.get("comment") + " (" + test.get("result") + ")";
    }

    /** The group's JWK; a few ECDSA groups give only the point's coordinates, from which Nimbus builds one. */
    private static JWK publicJwk(Map<String, Object> group, String jwkMember) {
        if (group.containsKey(jwkMember)) {
            return parse(Wycheproof.object(group, jwkMember));
        }
        Map<String, Object> point = Wycheproof.object(group, "publicKey");
        return new ECKey.Builder(Curve.P_256, coordinate(point, "wx"), coordinate(point, "wy")).build();
    }

    /** A P-256 coordinate as 32 bytes (the vectors' hex may carry a leading zero sign byte). */
    private static Base64URL coordinate(Map<String, Object> point, String name) {
        byte[] raw = new java.math.BigInteger((String) point.get(name), 16).toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
        return Base64URL.encode(fixed);
    }

    private static JWK parse(Map<String, Object> json) {
        try {
            return JWK.parse(json);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
