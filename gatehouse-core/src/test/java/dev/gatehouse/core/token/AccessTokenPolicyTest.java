package dev.gatehouse.core.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.VerificationKeys;
import dev.gatehouse.core.spi.StoreUnavailableException;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static dev.gatehouse.core.token.AccessTokenRoundTripTest.ALICE;
import static dev.gatehouse.core.token.AccessTokenRoundTripTest.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every rejection the verifier promises, each with the reason code it must give. */
class AccessTokenPolicyTest {
    private static final Duration LEEWAY = Duration.ofSeconds(30);

    private final MutableClock clock = MutableClock.atFixedStart();
    private final SigningKey rsa = TestKeys.of(SigningAlgorithm.RS256);
    private final SigningKey hmac = TestKeys.of(SigningAlgorithm.HS256);
    private final SigningKey ed = TestKeys.of(SigningAlgorithm.EDDSA);
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(SETTINGS, TestKeys.ring(rsa, hmac, ed), clock, LEEWAY);
    private final AccessTokenIssuer issuer = new AccessTokenIssuer(SETTINGS, clock);

    private void assertInvalid(String token, InvalidToken reason) {
        assertThat(verifier.verify(token)).isEqualTo(new AccessTokenCheck.Invalid(reason));
    }

    private void assertValid(String token) {
        assertThat(verifier.verify(token)).isInstanceOf(AccessTokenCheck.Valid.class);
    }

    private String forged(SigningKey key, java.util.function.UnaryOperator<JWSHeader.Builder> header) {
        return TokenForge.sign(key, header, TokenForge.claims(clock.instant(), SETTINGS).build());
    }

    private String forgedClaims(java.util.function.UnaryOperator<JWTClaimsSet.Builder> claims) {
        return TokenForge.sign(ed, h -> h, claims.apply(TokenForge.claims(clock.instant(), SETTINGS)).build());
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---- shape and encoding

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b", "a.b.c.d", "a.b.c.d.e.f", "..", "eyJhbGciOiJFZERTQSJ9..", ".eyJ9.c2ln"})
    void malformedShapesAreRefused(String token) {
        assertThat(verifier.verify(token)).isIn(new AccessTokenCheck.Invalid(InvalidToken.MALFORMED),
                new AccessTokenCheck.Invalid(InvalidToken.NON_CANONICAL_ENCODING), new AccessTokenCheck.Invalid(InvalidToken.ENCRYPTED));
    }

    @Test
    void nullAndNonJsonHeaderAreMalformed() {
        assertInvalid(null, InvalidToken.MALFORMED);
        assertInvalid(b64("not json") + "." + b64("{}") + ".c2ln", InvalidToken.MALFORMED);
        assertInvalid("a.b.c", InvalidToken.NON_CANONICAL_ENCODING);
    }

    @Test
    void aPayloadThatIsNotAClaimsSetIsMalformed() {
        String token = TokenForge.sign(ed, TokenForge.header(ed).build(), new Payload("just text"));
        assertInvalid(token, InvalidToken.MALFORMED);
    }

    @Test
    void tokensOverEightKibAreRefusedBeforeParsing() {
        String atLimit = "x".repeat(JwsSignatureCheck.MAX_TOKEN_CHARS);
        assertThat(verifier.verify(atLimit)).isNotEqualTo(new AccessTokenCheck.Invalid(InvalidToken.TOO_LARGE));
        assertInvalid(atLimit + "x", InvalidToken.TOO_LARGE);
        String bigButSigned = forged(ed, h -> h.customParam("pad", "p".repeat(JwsSignatureCheck.MAX_TOKEN_CHARS)));
        assertInvalid(bigButSigned, InvalidToken.TOO_LARGE);
    }

    @Test
    void nonCanonicalBase64urlIsRefused() {
        String good = issuer.issue(ALICE, ed).token();
        assertValid(good);
        String[] p = good.split("\\.");
        assertInvalid(p[0] + "=." + p[1] + "." + p[2], InvalidToken.NON_CANONICAL_ENCODING);
        assertInvalid(p[0] + "." + p[1] + "." + p[2] + "==", InvalidToken.NON_CANONICAL_ENCODING);
        assertInvalid(p[0] + "." + p[1] + " ." + p[2], InvalidToken.NON_CANONICAL_ENCODING);
        String standardAlphabet = good.replace('-', '+').replace('_', '/');
        if (!standardAlphabet.equals(good)) {
            assertInvalid(standardAlphabet, InvalidToken.NON_CANONICAL_ENCODING);
        }
        // An Ed25519 signature is 64 bytes: 86 characters whose last holds 2 bits that must be zero.
        char last = p[2].charAt(p[2].length() - 1);
        char sameBytesOtherBits = (char) (last + 1);
        assertThat(new Base64URL(p[2].substring(0, 85) + sameBytesOtherBits).decode()).isEqualTo(new Base64URL(p[2]).decode());
        assertInvalid(p[0] + "." + p[1] + "." + p[2].substring(0, 85) + sameBytesOtherBits, InvalidToken.NON_CANONICAL_ENCODING);
    }

    // ---- algorithms

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void noneIsRefusedInAnyCase(String alg) {
        String claims = b64(TokenForge.claims(clock.instant(), SETTINGS).build().toString());
        assertInvalid(b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + ed.kid() + "\",\"typ\":\"at+jwt\"}") + "." + claims + ".", InvalidToken.MALFORMED);
        assertInvalid(b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + ed.kid() + "\",\"typ\":\"at+jwt\"}") + "." + claims + ".c2ln",
                InvalidToken.UNSUPPORTED_ALGORITHM);
        assertInvalid(new PlainJWT(TokenForge.claims(clock.instant(), SETTINGS).build()).serialize(), InvalidToken.MALFORMED);
    }

    @Test
    void algorithmsOutsideTheAllowlistOrInTheWrongCaseAreRefused() {
        String claims = b64(TokenForge.claims(clock.instant(), SETTINGS).build().toString());
        for (String alg : List.of("PS384", "PS512", "ES512", "ES256K", "hs256", "Rs256", "EDDSA", "Ed25519")) {
            assertInvalid(b64("{\"alg\":\"" + alg + "\",\"kid\":\"" + rsa.kid() + "\",\"typ\":\"at+jwt\"}") + "." + claims + ".c2ln",
                    InvalidToken.UNSUPPORTED_ALGORITHM);
        }
    }

    @Test
    void anRsaPublicKeyIsNeverUsedAsAnHmacSecret() throws Exception {
        RSAKey rsaPublic = ((RSAKey) rsa.jwk()).toPublicJWK();
        // The classic confusion attack: HMAC with the server's public key bytes as the secret, in several spellings.
        for (byte[] secret : List.of(rsaPublic.toRSAPublicKey().getEncoded(), rsaPublic.toJSONString().getBytes(StandardCharsets.UTF_8),
                ("-----BEGIN PUBLIC KEY-----\n" + Base64.encode(rsaPublic.toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n")
                        .getBytes(StandardCharsets.UTF_8))) {
            SigningKey attackerKey = new SigningKey(rsa.kid(), SigningAlgorithm.HS256, new OctetSequenceKey.Builder(secret).build());
            assertInvalid(forged(attackerKey, h -> h), InvalidToken.ALGORITHM_MISMATCH);
        }
    }

    @Test
    void aTokenUnderAnotherAllowedAlgorithmOfTheSameFamilyIsRefused() {
        SigningKey rs512Twin = new SigningKey(rsa.kid(), SigningAlgorithm.RS512, rsa.jwk());
        SigningKey ps256Twin = new SigningKey(rsa.kid(), SigningAlgorithm.PS256, rsa.jwk());
        assertInvalid(forged(rs512Twin, h -> h), InvalidToken.ALGORITHM_MISMATCH);
        assertInvalid(forged(ps256Twin, h -> h), InvalidToken.ALGORITHM_MISMATCH);
    }

    @Test
    void badSignaturesAreRefused() {
        for (SigningKey key : List.of(rsa, hmac, ed)) {
            String good = issuer.issue(ALICE, key).token();
            String[] p = good.split("\\.");
            char first = p[2].charAt(0);
            String flipped = p[0] + "." + p[1] + "." + (first == 'A' ? 'B' : 'A') + p[2].substring(1);
            assertInvalid(flipped, InvalidToken.BAD_SIGNATURE);
            String otherPayload = p[0] + "." + issuer.issue(ALICE, key).token().split("\\.")[1] + "." + p[2];
            assertInvalid(otherPayload, InvalidToken.BAD_SIGNATURE);
        }
        SigningKey impostor = TestKeys.generate(SigningAlgorithm.EDDSA, ed.kid());
        assertInvalid(issuer.issue(ALICE, impostor).token(), InvalidToken.BAD_SIGNATURE);
    }

    @Test
    void encryptedTokensAreRefused() {
        assertInvalid("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn", InvalidToken.ENCRYPTED);
        String jweHeader = b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"kid\":\"" + ed.kid() + "\"}");
        assertInvalid(jweHeader + ".e30.c2ln", InvalidToken.ENCRYPTED);
    }

    // ---- keys and headers

    @Test
    void aMissingKidIsRefused() {
        assertInvalid(forged(ed, h -> h.keyID(null)), InvalidToken.MISSING_KEY_ID);
    }

    @Test
    void anUnknownKidIsRefusedWithoutTryingOtherKeys() {
        SigningKey sameKeyOtherKid = new SigningKey("not-in-the-ring", ed.algorithm(), ed.jwk());
        assertInvalid(issuer.issue(ALICE, sameKeyOtherKid).token(), InvalidToken.UNKNOWN_KEY);
    }

    @Test
    void keysMarkedForEncryptionDoNotVerify() {
        SigningKey encryptionKey = new SigningKey(ed.kid(), ed.algorithm(),
                new com.nimbusds.jose.jwk.OctetKeyPair.Builder((com.nimbusds.jose.jwk.OctetKeyPair) ed.jwk()).keyUse(KeyUse.ENCRYPTION).build());
        AccessTokenVerifier strict = new AccessTokenVerifier(SETTINGS, kid -> Optional.of(encryptionKey), clock);
        assertThat(strict.verify(issuer.issue(ALICE, ed).token())).isEqualTo(new AccessTokenCheck.Invalid(InvalidToken.UNKNOWN_KEY));
    }

    @Test
    void keyCarryingHeadersAreRefusedAndNeverFetched() {
        SigningKey attacker = TestKeys.generate(SigningAlgorithm.EDDSA, ed.kid());
        assertInvalid(forged(attacker, h -> h.jwk(attacker.publicJwk().orElseThrow())), InvalidToken.FORBIDDEN_HEADER);
        assertInvalid(forged(ed, h -> h.jwkURL(URI.create("http://127.0.0.1:1/jwks.json"))), InvalidToken.FORBIDDEN_HEADER);
        assertInvalid(forged(ed, h -> h.x509CertURL(URI.create("http://127.0.0.1:1/cert.pem"))), InvalidToken.FORBIDDEN_HEADER);
        String claims = TokenForge.claims(clock.instant(), SETTINGS).build().toString();
        String base = "{\"alg\":\"EdDSA\",\"kid\":\"" + ed.kid() + "\",\"typ\":\"at+jwt\"";
        assertValid(TokenForge.signRaw(ed, base + "}", claims));
        assertInvalid(TokenForge.signRaw(ed, base + ",\"x5c\":[\"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\"]}", claims),
                InvalidToken.FORBIDDEN_HEADER);
        assertInvalid(TokenForge.signRaw(ed, base + ",\"b64\":false,\"crit\":[\"b64\"]}", claims), InvalidToken.FORBIDDEN_HEADER);
        assertInvalid(TokenForge.signRaw(ed, base + ",\"b64\":false}", claims), InvalidToken.FORBIDDEN_HEADER);
    }

    @Test
    void unknownCriticalHeadersAreRefused() {
        assertInvalid(forged(ed, h -> h.customParam("gatehouse-ext", 1).criticalParams(Set.of("gatehouse-ext"))),
                InvalidToken.UNKNOWN_CRITICAL_HEADER);
        assertInvalid(forged(ed, h -> h.criticalParams(Set.of("exp"))), InvalidToken.UNKNOWN_CRITICAL_HEADER);
    }

    @Test
    void aFailingKeySourceIsOurFailureNotABadToken() {
        VerificationKeys broken = kid -> {
            throw new IllegalStateException("store down");
        };
        AccessTokenVerifier failing = new AccessTokenVerifier(SETTINGS, broken, clock);
        assertThatThrownBy(() -> failing.verify(issuer.issue(ALICE, ed).token()))
                .isInstanceOf(TokenProcessingException.class).hasRootCauseMessage("store down");
    }

    @Test
    void anUnreachableKeyStoreStaysAStoreFailureSoItIsAnswered503() {
        AccessTokenVerifier failing = new AccessTokenVerifier(SETTINGS, kid -> {
            throw new StoreUnavailableException("keys: find");
        }, clock);
        assertThatThrownBy(() -> failing.verify(issuer.issue(ALICE, ed).token())).isInstanceOf(StoreUnavailableException.class);
        AccessTokenVerifier nullAnswer = new AccessTokenVerifier(SETTINGS, kid -> null, clock);
        assertThatThrownBy(() -> nullAnswer.verify(issuer.issue(ALICE, ed).token())).isInstanceOf(TokenProcessingException.class);
    }

    @Test
    void aKeyWhoseJwkDoesNotFitItsAlgorithmIsOurFailure() {
        // A key ring bug (an RSA JWK bound to HS256) must surface as a failure, never verify as a MAC.
        SigningKey misbound = new SigningKey(rsa.kid(), SigningAlgorithm.HS256, ((RSAKey) rsa.jwk()).toPublicJWK());
        AccessTokenVerifier confused = new AccessTokenVerifier(SETTINGS, kid -> Optional.of(misbound), clock);
        String token = forged(new SigningKey(rsa.kid(), SigningAlgorithm.HS256, hmac.jwk()), h -> h);
        assertThatThrownBy(() -> confused.verify(token)).isInstanceOf(TokenProcessingException.class);
    }

    // ---- type

    @Test
    void onlyAccessTokenTypesAreAccepted() {
        assertValid(forged(ed, h -> h.type(new JOSEObjectType("application/at+jwt"))));
        assertInvalid(forged(ed, h -> h.type(null)), InvalidToken.WRONG_TYPE);
        assertInvalid(forged(ed, h -> h.type(JOSEObjectType.JWT)), InvalidToken.WRONG_TYPE);
        assertInvalid(forged(ed, h -> h.type(new JOSEObjectType("rt+jwt"))), InvalidToken.WRONG_TYPE);
        assertInvalid(forged(ed, h -> h.type(new JOSEObjectType("id_token+jwt"))), InvalidToken.WRONG_TYPE);
    }

    // ---- time, with the fake clock at the boundaries

    @Test
    void expiryHoldsUntilExpPlusLeewayAndNotASecondLonger() {
        String token = issuer.issue(ALICE, ed).token();
        clock.advance(SETTINGS.ttl().plus(LEEWAY).minusSeconds(1));
        assertValid(token);
        clock.advance(Duration.ofMillis(999));
        assertValid(token);
        clock.advance(Duration.ofMillis(1));
        assertInvalid(token, InvalidToken.EXPIRED);
    }

    @Test
    void notBeforeHoldsUntilNbfMinusLeeway() {
        Instant nbf = clock.instant().plusSeconds(600);
        String token = forgedClaims(c -> c.notBeforeTime(Date.from(nbf)));
        clock.set(nbf.minus(LEEWAY).minusMillis(1));
        assertInvalid(token, InvalidToken.NOT_YET_VALID);
        clock.set(nbf.minus(LEEWAY));
        assertValid(token);
    }

    @Test
    void issuedInTheFutureIsNotYetValid() {
        Instant iat = clock.instant().plusSeconds(600);
        String token = forgedClaims(c -> c.issueTime(Date.from(iat)).notBeforeTime(null));
        clock.set(iat.minus(LEEWAY).minusMillis(1));
        assertInvalid(token, InvalidToken.NOT_YET_VALID);
        clock.set(iat.minus(LEEWAY));
        assertValid(token);
    }

    @Test
    void zeroLeewayIsExact() {
        AccessTokenVerifier exact = new AccessTokenVerifier(SETTINGS, TestKeys.ring(ed), clock, Duration.ZERO);
        String token = issuer.issue(ALICE, ed).token();
        clock.advance(SETTINGS.ttl().minusMillis(1));
        assertThat(exact.verify(token)).isInstanceOf(AccessTokenCheck.Valid.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(exact.verify(token)).isEqualTo(new AccessTokenCheck.Invalid(InvalidToken.EXPIRED));
    }

    @Test
    void leewayIsBoundedToSixtySeconds() {
        VerificationKeys keys = TestKeys.ring(ed);
        new AccessTokenVerifier(SETTINGS, keys, clock, Duration.ofSeconds(60));
        assertThatThrownBy(() -> new AccessTokenVerifier(SETTINGS, keys, clock, Duration.ofSeconds(61))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccessTokenVerifier(SETTINGS, keys, clock, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- issuer, audience, required claims

    @Test
    void theIssuerMustMatchExactly() {
        assertInvalid(forgedClaims(c -> c.issuer("https://auth.example/")), InvalidToken.WRONG_ISSUER);
        assertInvalid(forgedClaims(c -> c.issuer("HTTPS://AUTH.EXAMPLE")), InvalidToken.WRONG_ISSUER);
        assertInvalid(forgedClaims(c -> c.issuer(null)), InvalidToken.WRONG_ISSUER);
    }

    @Test
    void theAudienceMustBeExactlyOurs() {
        assertValid(forgedClaims(c -> c.audience(List.of("gatehouse"))));
        assertInvalid(forgedClaims(c -> c.audience("other-service")), InvalidToken.WRONG_AUDIENCE);
        assertInvalid(forgedClaims(c -> c.audience(List.of("gatehouse", "other-service"))), InvalidToken.WRONG_AUDIENCE);
        assertInvalid(forgedClaims(c -> c.audience((String) null)), InvalidToken.WRONG_AUDIENCE);
    }

    @Test
    void requiredClaimsMustBePresentAndWellFormed() {
        assertInvalid(forgedClaims(c -> c.subject("not-a-uuid")), InvalidToken.INVALID_CLAIMS);
        assertInvalid(forgedClaims(c -> c.subject(null)), InvalidToken.INVALID_CLAIMS);
        assertInvalid(forgedClaims(c -> c.jwtID(null)), InvalidToken.INVALID_CLAIMS);
        assertInvalid(forgedClaims(c -> c.claim("role", null)), InvalidToken.INVALID_CLAIMS);
        assertInvalid(forgedClaims(c -> c.claim("role", "superuser")), InvalidToken.INVALID_CLAIMS);
        assertInvalid(forgedClaims(c -> c.claim("role", 7)), InvalidToken.INVALID_CLAIMS);
        assertInvalid(forgedClaims(c -> c.expirationTime(null)), InvalidToken.INVALID_CLAIMS);
        assertInvalid(forgedClaims(c -> c.issueTime(null)), InvalidToken.INVALID_CLAIMS);
    }

    @Test
    void aClientsOwnTokenSpeaksForTheClientAlone() {
        String token = forgedClaims(c -> c.subject("billing").claim("client_id", "billing").claim("scope", "invoices:read reports")
                .claim("role", null));
        AccessTokenClaims claims = ((AccessTokenCheck.Valid) verifier.verify(token)).claims();
        assertThat(claims.subject()).isEqualTo(new TokenSubject.Client("billing"));
        assertThat(claims.user()).isEmpty();
        assertThat(claims.grant()).contains(new ClientGrant("billing", Set.of("invoices:read", "reports")));
        assertThat(claims.subjectText()).isEqualTo("billing");
    }

    @Test
    void aTokenIssuedToAClientForAUserNamesBoth() {
        UUID user = UUID.randomUUID();
        String token = forgedClaims(c -> c.subject(user.toString()).claim("client_id", "grafana").claim("scope", "openid"));
        AccessTokenClaims claims = ((AccessTokenCheck.Valid) verifier.verify(token)).claims();
        assertThat(claims.user().orElseThrow().id()).isEqualTo(user);
        assertThat(claims.grant()).contains(new ClientGrant("grafana", Set.of("openid")));
    }

    @Test
    void aClientTokenThatCouldBeReadTwoWaysIsRefused() {
        // A user's claims on a client's own token: is it the client, or a user named like one?
        for (String userClaim : List.of("role", "username", "name", "sid", "rfam")) {
            assertInvalid(forgedClaims(c -> c.subject("billing").claim("client_id", "billing").claim("scope", "")
                    .claim("role", null).claim(userClaim, "admin")), InvalidToken.INVALID_CLAIMS);
        }
        assertInvalid(forgedClaims(c -> c.claim("scope", "openid")), InvalidToken.INVALID_CLAIMS);
        assertInvalid(forgedClaims(c -> c.claim("client_id", "grafana")), InvalidToken.INVALID_CLAIMS);
        for (String scope : List.of(" openid", "openid ", "openid  email", "openid\temail", "openid openid", "a\"b")) {
            assertInvalid(forgedClaims(c -> c.claim("client_id", "grafana").claim("scope", scope)), InvalidToken.INVALID_CLAIMS);
        }
        assertInvalid(forgedClaims(c -> c.claim("client_id", "../x").claim("scope", "openid")), InvalidToken.INVALID_CLAIMS);
        assertInvalid(forgedClaims(c -> c.claim("client_id", 7).claim("scope", "openid")), InvalidToken.INVALID_CLAIMS);
        assertInvalid(forgedClaims(c -> c.claim("client_id", "grafana").claim("scope", List.of("openid"))), InvalidToken.INVALID_CLAIMS);
    }

    private static final UUID SESSION = UUID.fromString("5d1c1c1e-0000-4000-8000-000000000001");

    @Test
    void aThirdPartyAppsTokenIsTakenOnlyByGatehousesOwnEndpoints() {
        AccessTokenVerifier own = AccessTokenVerifier.forOwnEndpoints(SETTINGS, TestKeys.ring(rsa, hmac, ed), clock);
        IssuedAccessToken thirdParty = issuer.issueForClient(ALICE, new ClientGrant("grafana", Set.of("openid")), ed, Optional.of(SESSION),
                Duration.ofMinutes(5), false);
        IssuedAccessToken firstParty = issuer.issueForClient(ALICE, new ClientGrant("portal", Set.of("openid")), ed, Optional.of(SESSION),
                Duration.ofMinutes(5), true);

        assertInvalid(thirdParty.token(), InvalidToken.WRONG_AUDIENCE);
        assertThat(own.verify(thirdParty.token())).isInstanceOf(AccessTokenCheck.Valid.class);
        assertValid(firstParty.token());
        assertThat(own.verify(firstParty.token())).isInstanceOf(AccessTokenCheck.Valid.class);
        AccessTokenClaims claims = ((AccessTokenCheck.Valid) own.verify(thirdParty.token())).claims();
        assertThat(claims.raw()).as("what the app may know of the user is what its scopes give").doesNotContainKeys("username", "name")
                .containsEntry("aud", SETTINGS.issuer()).containsEntry("sid", SESSION.toString());
        // The issuer's audience without a client is no token of ours.
        assertThat(own.verify(forgedClaims(c -> c.audience(SETTINGS.issuer())))).isEqualTo(new AccessTokenCheck.Invalid(InvalidToken.WRONG_AUDIENCE));
    }

    @Test
    void aClientsOwnTokenRoundTrips() {
        IssuedAccessToken issued = issuer.issueForClient(new ClientGrant("billing", Set.of("reports", "invoices:read")), ed,
                Duration.ofMinutes(5));
        AccessTokenClaims claims = ((AccessTokenCheck.Valid) verifier.verify(issued.token())).claims();
        assertThat(claims.subject()).isEqualTo(new TokenSubject.Client("billing"));
        assertThat(claims.raw()).containsEntry("scope", "invoices:read reports").containsEntry("client_id", "billing")
                .doesNotContainKeys("role", "username", "name", "sid");
        assertThat(claims.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void reasonCodesAreStable() {
        assertThat(InvalidToken.BAD_SIGNATURE.code()).isEqualTo("bad_signature");
        assertThat(InvalidToken.UNKNOWN_CRITICAL_HEADER.code()).isEqualTo("unknown_critical_header");
        assertThat(JWSAlgorithm.EdDSA.getName()).isEqualTo(SigningAlgorithm.EDDSA.jwsName());
    }
}
