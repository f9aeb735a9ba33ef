package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.oidc.ClientChange;
import dev.gatehouse.oidc.ClientRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code private_key_jwt} (RFC 7523) at {@code POST /token}: a client that registered its public
 * keys proves who it is with a JWT signed by one of them; each assertion is good once, for this
 * issuer alone, for a short while.
 */
class PrivateKeyJwtTest {
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private TestGatehouse gatehouse;
    private Api api;
    private ECKey key;

    @BeforeEach
    void start() throws Exception {
        gatehouse = TestGatehouse.inMemory(Map.of("AUTH_TYPE", "jwt,session", "JWT_ALGORITHM", "ES256"));
        api = gatehouse.api();
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        ClientChange change = register("signer", ClientType.CONFIDENTIAL, Optional.of(new JWKSet(key.toPublicJWK()).toString()));
        assertThat(change).isInstanceOf(ClientChange.Saved.class);
        assertThat(((ClientChange.Saved) change).secret()).as("a client with keys gets no secret").isEmpty();
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    private ClientChange register(String id, ClientType type, Optional<String> jwks) {
        return gatehouse.clients.register(new ClientRegistration(Optional.of(id), id, type, jwks, List.of(), List.of(), Optional.empty(),
                Set.of("reports"), Set.of(GrantType.CLIENT_CREDENTIALS), false, Optional.empty(), Optional.empty()));
    }

    /** An assertion as a client makes one, changed by {@code change} before it is signed. */
    private String assertion(ECKey signingKey, Consumer<JWTClaimsSet.Builder> change) throws Exception {
        Instant now = gatehouse.clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("signer").subject("signer").audience(TestGatehouse.ISSUER)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).jwtID(UUID.randomUUID().toString());
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        jwt.sign(new ECDSASigner(signingKey));
        return jwt.serialize();
    }

    private Api.Reply token(String assertion, String... extra) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "client_credentials", "client_assertion_type",
                ASSERTION_TYPE, "client_assertion", assertion));
        for (int i = 0; i < extra.length; i += 2) {
            form.put(extra[i], extra[i + 1]);
        }
        return api.call("POST", "/token").form(form).send();
    }

    private static void refused(Api.Reply reply, String why) {
        assertThat(reply.status()).as(why + ": " + reply.body()).isEqualTo(401);
        assertThat(reply.json().path("error").asText()).as(why).isEqualTo("invalid_client");
    }

    @Test
    void aSignedAssertionAuthenticatesTheClientOnce() throws Exception {
        String assertion = assertion(key, claims -> { });

        Api.Reply first = token(assertion);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("scope").asText()).isEqualTo("reports");
        refused(token(assertion), "the same assertion again");
        assertThat(token(assertion(key, claims -> { }), "client_id", "signer").status()).as("a new assertion, client_id agreeing")
                .isEqualTo(200);
    }

    @Test
    void anAssertionIsRememberedAsLongAsItCouldBeAcceptedPastItsExpiry() throws Exception {
        String assertion = assertion(key, claims -> { });
        assertThat(token(assertion).status()).isEqualTo(200);

        // Taken up to a minute past exp (the clients' clock skew); still remembered then, whatever is purged.
        gatehouse.clock.advance(Duration.ofSeconds(60 + 30));
        gatehouse.usedAssertions.deleteExpired(gatehouse.clock.instant());
        refused(token(assertion), "replayed within the skew after a purge");
    }

    @Test
    void anAssertionForAnotherAudienceOrForSeveralIsRefused() throws Exception {
        refused(token(assertion(key, claims -> claims.audience(TestGatehouse.ISSUER + "/token"))), "the token endpoint's URL");
        refused(token(assertion(key, claims -> claims.audience(List.of(TestGatehouse.ISSUER, "https://other.example.com")))),
                "the issuer among others");
        refused(token(assertion(key, claims -> claims.audience("https://other.example.com"))), "another server");
        refused(token(assertion(key, claims -> claims.audience((String) null))), "no audience");
    }

    @Test
    void anAssertionWithTheWrongIssuerSubjectOrIdentifierIsRefused() throws Exception {
        refused(token(assertion(key, claims -> claims.issuer("someone-else"))), "iss not the client");
        refused(token(assertion(key, claims -> claims.subject("someone-else"))), "sub not the client");
        refused(token(assertion(key, claims -> claims.jwtID(null))), "no jti");
        refused(token(assertion(key, claims -> { }), "client_id", "billing"), "client_id naming another client than the assertion");
    }

    @Test
    void anExpiredALongLivedOrAnUnsignedByTheClientsKeyAssertionIsRefused() throws Exception {
        String expiring = assertion(key, claims -> { });
        gatehouse.clock.advance(Duration.ofMinutes(3));
        refused(token(expiring), "expired");
        refused(token(assertion(key, claims -> claims.expirationTime(Date.from(gatehouse.clock.instant().plus(Duration.ofHours(1)))))),
                "an expiry an hour ahead");
        refused(token(assertion(key, claims -> claims.expirationTime(null))), "no expiry");
        refused(token(assertion(new ECKeyGenerator(Curve.P_256).keyID("k1").generate(), claims -> { })), "another key under the same kid");
        refused(token(assertion(new ECKeyGenerator(Curve.P_256).keyID("k2").generate(), claims -> { })), "an unknown key");
        String valid = assertion(key, claims -> { });
        refused(token(valid.substring(0, valid.lastIndexOf('.') + 1)), "no signature");
    }

    @Test
    void aClientWithKeysHasNoSecretAndAClientWithASecretNoKeys() throws Exception {
        refused(api.call("POST", "/token").headers("Authorization", Api.basic("signer", "guessed"))
                .form(Map.of("grant_type", "client_credentials")).send(), "a secret for a client with keys");
        ClientChange billing = register("billing", ClientType.CONFIDENTIAL, Optional.empty());
        assertThat(((ClientChange.Saved) billing).secret()).isPresent();
        refused(token(assertion(key, claims -> claims.issuer("billing").subject("billing"))), "an assertion for a client with a secret");
        assertThat(gatehouse.clients.rotateSecret("signer")).isInstanceOf(ClientChange.Invalid.class);
    }

    @Test
    void onlyPublicSigningKeysOfAConfidentialClientMayBeRegistered() throws Exception {
        Map<String, Optional<String>> refusedKeys = Map.of(
                "a private key", Optional.of(new JWKSet(key).toString(false)),
                "a symmetric key", Optional.of(new JWKSet(new OctetSequenceKeyGenerator(256).generate()).toString(false)),
                "no key", Optional.of("{\"keys\":[]}"),
                "not a JWK Set", Optional.of("{\"kty\":\"EC\"}"),
                "an encryption key", Optional.of(new JWKSet(new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.ENCRYPTION)
                        .generate().toPublicJWK()).toString()),
                "a short RSA key", Optional.of(new JWKSet(new RSAKeyGenerator(1024, true).generate().toPublicJWK())
                        .toString()));
        refusedKeys.forEach((why, jwks) ->
                assertThat(register("bad-" + why.replace(' ', '-'), ClientType.CONFIDENTIAL, jwks)).as(why).isInstanceOf(ClientChange.Invalid.class));
        assertThat(register("spa", ClientType.PUBLIC, Optional.of(new JWKSet(key.toPublicJWK()).toString())))
                .as("a public client proves nothing").isInstanceOf(ClientChange.Invalid.class);
    }

    @Test
    void discoveryNamesTheMethodAndItsAlgorithms() {
        JsonNode metadata = api.get("/.well-known/openid-configuration").json();
        assertThat(metadata.path("token_endpoint_auth_methods_supported")).extracting(JsonNode::asText).contains("private_key_jwt");
        assertThat(metadata.path("token_endpoint_auth_signing_alg_values_supported")).extracting(JsonNode::asText)
                .contains("ES256", "RS256", "EdDSA").doesNotContain("HS256", "none");
    }
}
