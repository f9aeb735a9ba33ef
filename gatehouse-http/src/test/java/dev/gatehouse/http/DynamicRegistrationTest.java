package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /register} (RFC 7591): off unless turned on; when on, an app registers itself as a
 * third-party code-flow client with the standard scopes, and anything more is refused.
 */
class DynamicRegistrationTest {
    private static final String TOKEN = "initial-access-token-of-at-least-32-characters";
    private static final String REDIRECT = "https://app.example.com/callback";

    private TestGatehouse gatehouse;
    private Api api;

    private void start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("AUTH_TYPE", "jwt,session", "JWT_ALGORITHM", "ES256"));
        all.putAll(settings);
        gatehouse = TestGatehouse.inMemory(all);
        api = gatehouse.api();
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    private Api.Reply register(Object metadata, String... headers) {
        if (headers.length == 0) {
            return api.call("POST", "/register").json(metadata).send();
        }
        // Each request with an Authorization header on a client of its own: the JDK's client, after a
        // 401 with a Bearer challenge, sent the previous request's Authorization header with the next.
        try (Api fresh = new Api("http://127.0.0.1:" + gatehouse.port())) {
            return fresh.call("POST", "/register").headers(headers).json(metadata).send();
        }
    }

    private static void refused(Api.Reply reply, String error, String why) {
        assertThat(reply.status()).as(why + ": " + reply.body()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).as(why).isEqualTo(error);
    }

    @Test
    void offByDefault() {
        start(Map.of());

        assertThat(register(Map.of("redirect_uris", List.of(REDIRECT))).status()).isEqualTo(404);
        assertThat(api.get("/.well-known/openid-configuration").json().has("registration_endpoint")).isFalse();
    }

    @Test
    void anAppRegistersItselfAsAThirdPartyCodeFlowClient() {
        start(Map.of("GATEHOUSE_CLIENT_REGISTRATION", "open"));
        assertThat(api.get("/.well-known/openid-configuration").json().path("registration_endpoint").asText()).endsWith("/register");

        Api.Reply created = register(Map.of("redirect_uris", List.of(REDIRECT), "client_name", "Team Wiki", "scope", "openid email",
                "logo_colour", "a field no spec defines is ignored"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).hasValue("no-store");
        JsonNode body = created.json();
        String id = body.path("client_id").asText();
        assertThat(body.path("client_secret").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(body.path("client_secret_expires_at").asLong()).isZero();
        assertThat(body.path("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");
        assertThat(body.path("grant_types")).extracting(JsonNode::asText).containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(body.path("redirect_uris")).extracting(JsonNode::asText).containsExactly(REDIRECT);
        assertThat(body.path("scope").asText()).isEqualTo("email openid");
        assertThat(body.has("logo_colour")).isFalse();
        Client client = gatehouse.clients.find(id).orElseThrow();
        assertThat(client.firstParty()).isFalse();
        assertThat(client.selfRegistered()).isTrue();
        assertThat(client.name()).isEqualTo("Team Wiki");

        Api.Reply exchange = api.call("POST", "/token").headers("Authorization", Api.basic(id, body.path("client_secret").asText()))
                .form(Map.of("grant_type", "authorization_code", "code", "no-such-code", "redirect_uri", REDIRECT)).send();
        assertThat(exchange.json().path("error").asText()).as("the secret authenticates: the code is what is wrong").isEqualTo("invalid_grant");
    }

    @Test
    void aPublicAppHasNoSecretAndAnAppWithKeysSignsItsRequests() throws Exception {
        start(Map.of("GATEHOUSE_CLIENT_REGISTRATION", "open"));

        Api.Reply spa = register(Map.of("redirect_uris", List.of("http://127.0.0.1:5173/cb"), "token_endpoint_auth_method", "none"));
        assertThat(spa.status()).as(spa.body()).isEqualTo(201);
        assertThat(spa.json().has("client_secret")).isFalse();
        assertThat(gatehouse.clients.find(spa.json().path("client_id").asText()).orElseThrow().type()).isEqualTo(ClientType.PUBLIC);

        Map<String, Object> keys = JSONObjectUtils.parse(new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("k").generate().toPublicJWK()).toString());
        Api.Reply keyed = register(Map.of("redirect_uris", List.of(REDIRECT), "token_endpoint_auth_method", "private_key_jwt", "jwks", keys));
        assertThat(keyed.status()).as(keyed.body()).isEqualTo(201);
        assertThat(keyed.json().has("client_secret")).isFalse();
        assertThat(keyed.json().path("jwks").path("keys").get(0).path("kid").asText()).isEqualTo("k");
        assertThat(gatehouse.clients.find(keyed.json().path("client_id").asText()).orElseThrow().authenticatesWithKeys()).isTrue();
    }

    @Test
    void whatASelfRegisteredAppMayNotHaveIsRefused() throws Exception {
        start(Map.of("GATEHOUSE_CLIENT_REGISTRATION", "open", "GATEHOUSE_REGISTRATION_MAX_PER_ADDRESS", "0"));
        refused(register(Map.of("client_name", "No redirect")), "invalid_redirect_uri", "no redirect URI");
        refused(register(Map.of("redirect_uris", List.of("http://app.example.com/cb"))), "invalid_redirect_uri", "http off the loopback");
        refused(register(Map.of("redirect_uris", List.of(REDIRECT + "#x"))), "invalid_redirect_uri", "a fragment");
        refused(register(Map.of("redirect_uris", List.of(REDIRECT), "grant_types", List.of("client_credentials"))), "invalid_client_metadata",
                "acting as itself");
        refused(register(Map.of("redirect_uris", List.of(REDIRECT), "grant_types", List.of("authorization_code", "implicit"))),
                "invalid_client_metadata", "the implicit grant");
        refused(register(Map.of("redirect_uris", List.of(REDIRECT), "response_types", List.of("code", "id_token"))), "invalid_client_metadata",
                "a hybrid response type");
        refused(register(Map.of("redirect_uris", List.of(REDIRECT), "scope", "openid admin")), "invalid_client_metadata", "a custom scope");
        refused(register(Map.of("redirect_uris", List.of(REDIRECT), "backchannel_logout_uri", "https://app.example.com/bc")),
                "invalid_client_metadata", "a back-channel URI the server would POST to");
        refused(register(Map.of("redirect_uris", List.of(REDIRECT), "jwks_uri", "https://app.example.com/jwks")), "invalid_client_metadata",
                "keys by URL");
        refused(register(Map.of("redirect_uris", List.of(REDIRECT), "token_endpoint_auth_method", "private_key_jwt")),
                "invalid_client_metadata", "private_key_jwt without keys");
        refused(register(Map.of("redirect_uris", List.of(REDIRECT), "token_endpoint_auth_method", "client_secret_jwt")),
                "invalid_client_metadata", "a method not offered");
        refused(register(Map.of("redirect_uris", List.of(REDIRECT), "id_token_signed_response_alg", "HS256")), "invalid_client_metadata",
                "ID tokens under another algorithm");
        refused(register(Map.of("redirect_uris", List.of(REDIRECT), "jwks",
                JSONObjectUtils.parse(new JWKSet(new ECKeyGenerator(Curve.P_256).generate()).toString(false)),
                "token_endpoint_auth_method", "private_key_jwt")), "invalid_client_metadata", "a private key");
        refused(register("{\"redirect_uris\":[\"" + REDIRECT + "\"],\"redirect_uris\":[\"https://evil.example.com/cb\"]}"),
                "invalid_client_metadata", "a name twice");
        refused(register("[\"" + REDIRECT + "\"]"), "invalid_client_metadata", "not an object");
        refused(register(Map.of("redirect_uris", REDIRECT)), "invalid_client_metadata", "a string for an array");
        assertThat(gatehouse.clients.list()).as("nothing was registered").isEmpty();
    }

    @Test
    void aSelfRegisteredAppsRedirectUriGetsNoBrowserWithoutTheUsersAnswer() {
        start(Map.of("GATEHOUSE_CLIENT_REGISTRATION", "open"));
        String id = register(Map.of("redirect_uris", List.of("https://evil.example/landing"), "token_endpoint_auth_method", "none"))
                .json().path("client_id").asText();
        String base = "/authorize?client_id=" + id + "&redirect_uri=https%3A%2F%2Fevil.example%2Flanding";

        for (String query : List.of("", "&response_type=code&scope=openid&prompt=none&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "&response_type=token&scope=openid")) {
            Api.Reply answer = api.get(base + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.header("Location")).as(query).isEmpty();
            assertThat(answer.body()).contains("cannot be completed");
        }
    }

    @Test
    void unreadableMetadataIsA400NotAFailure() {
        start(Map.of("GATEHOUSE_CLIENT_REGISTRATION", "open", "GATEHOUSE_REGISTRATION_MAX_PER_ADDRESS", "0"));
        refused(register("{\"redirect_uris\":[null]}"), "invalid_client_metadata", "a null redirect URI");
        refused(register("{\"redirect_uris\":[\"" + REDIRECT + "\"],\"post_logout_redirect_uris\":[null]}"), "invalid_client_metadata",
                "a null post-logout URI");
        refused(register("{\"redirect_uris\":[\"" + REDIRECT + "\"],\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":{\"keys\":[null]}}"),
                "invalid_client_metadata", "a null key");
        refused(register("{\"redirect_uris\":[\"" + REDIRECT + "\"],\"token_endpoint_auth_method\":\"private_key_jwt\","
                + "\"jwks\":{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AA\"}]}}"), "invalid_client_metadata",
                "an Ed25519 key of the wrong length");
    }

    @Test
    void withATokenOnlyItsHoldersRegister() {
        start(Map.of("GATEHOUSE_CLIENT_REGISTRATION", "token", "GATEHOUSE_CLIENT_REGISTRATION_TOKEN", TOKEN));
        Map<String, Object> app = Map.of("redirect_uris", List.of(REDIRECT));

        Api.Reply none = register(app);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate").orElseThrow()).startsWith("Bearer").contains("invalid_token");
        assertThat(register(app, "Authorization", "Bearer " + TOKEN + "x").status()).isEqualTo(401);
        assertThat(register(app, "Authorization", "bearer " + TOKEN.toUpperCase()).status()).isEqualTo(401);
        assertThat(register(app, "Authorization", "Basic " + TOKEN).status()).isEqualTo(401);
        assertThat(register(app, "Authorization", "Bearer  " + TOKEN).status()).as("two spaces").isEqualTo(401);
        assertThat(register(app, "Authorization", "bearer " + TOKEN).status()).as("the scheme in any case").isEqualTo(201);
        Api.Reply right = register(app, "Authorization", "Bearer " + TOKEN);
        assertThat(right.status()).as(right.body() + right.header("WWW-Authenticate")).isEqualTo(201);
        assertThat(gatehouse.clients.list()).hasSize(2);
    }

    @Test
    void registrationsFromOneAddressAreCounted() {
        start(Map.of("GATEHOUSE_CLIENT_REGISTRATION", "open", "GATEHOUSE_REGISTRATION_MAX_PER_ADDRESS", "2"));
        Map<String, Object> app = Map.of("redirect_uris", List.of(REDIRECT));

        assertThat(register(app).status()).isEqualTo(201);
        assertThat(register(Map.of("client_name", "refused, and counted")).status()).isEqualTo(400);
        Api.Reply third = register(app);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Retry-After")).isPresent();
        assertThat(gatehouse.clients.list()).hasSize(1);
    }
}
