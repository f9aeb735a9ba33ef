package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.gatehouse.http.Steps.API;
import static dev.gatehouse.http.Steps.cookie;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin API of the OpenID clients, on a real server: admins only, every field checked, a secret shown once. */
class AdminClientsTest {
    private static final String CLIENTS = API + "/admin/clients";
    private static final Map<String, Object> GRAFANA = Map.of("client_id", "grafana", "client_name", "Grafana",
            "redirect_uris", List.of("https://grafana.example.com/login/generic_oauth"), "scope", "openid profile email offline_access",
            "access_token_ttl", 300);

    private TestGatehouse gatehouse;
    private Api api;
    private String admin;
    private String alice;

    @BeforeEach
    void start() {
        gatehouse = TestGatehouse.inMemory(Map.of("SESSION_DURATION", "3600"));
        api = gatehouse.api();
        gatehouse.users.ensureAdmin("admin@example.com", "admin password");
        Map<String, String> aliceLogin = Map.of("email", "alice@example.com", "password", "alice's password");
        Steps.register(api, aliceLogin);
        admin = Steps.login(api, Map.of("email", "admin@example.com", "password", "admin password"));
        alice = Steps.login(api, aliceLogin);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    private Api.Reply call(String method, String path, String session, Object body) {
        Api.Call call = api.call(method, path).headers(cookie(session));
        return (body == null ? call : call.json(body)).send();
    }

    private static void expect(Api.Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.error()).isEqualTo(error);
    }

    @Test
    void anAdminRegistersAClientAndSeesItsSecretOnce() {
        Api.Reply created = call("POST", CLIENTS, admin, GRAFANA);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).hasValue(CLIENTS + "/grafana");
        JsonNode body = created.json();
        assertThat(body.path("client_id").asText()).isEqualTo("grafana");
        assertThat(body.path("client_type").asText()).isEqualTo("confidential");
        assertThat(body.path("grant_types")).extracting(JsonNode::asText).containsExactly("authorization_code", "refresh_token");
        assertThat(body.path("scope").asText()).isEqualTo("email offline_access openid profile");
        assertThat(body.path("access_token_ttl").asLong()).isEqualTo(300);
        String secret = body.path("client_secret").asText();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.header("Cache-Control")).hasValue("no-store");

        Api.Reply shown = call("GET", CLIENTS + "/grafana", admin, null);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain(secret);
        assertThat(shown.json().has("client_secret")).isFalse();
        assertThat(shown.json().path("has_secret").asBoolean()).isTrue();
        assertThat(shown.json().path("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");
        assertThat(call("GET", CLIENTS, admin, null).json().path("clients")).extracting(c -> c.path("client_id").asText())
                .containsExactly("grafana");
    }

    @Test
    void onlyAnAdminMayReadOrChangeClients() {
        assertThat(call("POST", CLIENTS, admin, GRAFANA).status()).isEqualTo(201);

        expect(call("GET", CLIENTS, alice, null), 403, "forbidden");
        expect(call("POST", CLIENTS, alice, Map.of("client_name", "Mine")), 403, "forbidden");
        expect(call("GET", CLIENTS + "/grafana", alice, null), 403, "forbidden");
        expect(call("PUT", CLIENTS + "/grafana", alice, Map.of("client_name", "Mine")), 403, "forbidden");
        expect(call("DELETE", CLIENTS + "/grafana", alice, null), 403, "forbidden");
        expect(call("POST", CLIENTS + "/grafana/secret", alice, null), 403, "forbidden");
        expect(api.get(CLIENTS), 401, "unauthenticated");
        assertThat(call("GET", CLIENTS + "/grafana", admin, null).json().path("client_name").asText()).isEqualTo("Grafana");
    }

    @Test
    void anUpdateChangesWhatIsSentAndNullClearsAnOptionalField() {
        call("POST", CLIENTS, admin, GRAFANA);

        Api.Reply updated = call("PUT", CLIENTS + "/grafana", admin, Map.of("client_name", "Grafana (prod)", "first_party", true,
                "post_logout_redirect_uris", List.of("https://grafana.example.com/")));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().has("client_secret")).isFalse();
        assertThat(updated.json().path("client_name").asText()).isEqualTo("Grafana (prod)");
        assertThat(updated.json().path("first_party").asBoolean()).isTrue();
        assertThat(updated.json().path("redirect_uris")).extracting(JsonNode::asText).containsExactly("https://grafana.example.com/login/generic_oauth");
        assertThat(updated.json().path("access_token_ttl").asLong()).isEqualTo(300);

        Api.Reply cleared = call("PUT", CLIENTS + "/grafana", admin, "{\"access_token_ttl\": null}");
        assertThat(cleared.json().path("access_token_ttl").isNull()).isTrue();

        expect(call("PUT", CLIENTS + "/grafana", admin, Map.of("client_id", "other")), 400, "invalid_field");
        expect(call("PUT", CLIENTS + "/grafana", admin, "{\"scope\": null}"), 400, "invalid_field");
        expect(call("PUT", CLIENTS + "/nobody", admin, Map.of("client_name", "X")), 404, "not_found");
    }

    @Test
    void aRotatedSecretIsNewAndAPublicClientHasNone() {
        String first = call("POST", CLIENTS, admin, GRAFANA).json().path("client_secret").asText();

        Api.Reply rotated = call("POST", CLIENTS + "/grafana/secret", admin, null);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().path("client_secret").asText()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(first);

        Api.Reply spa = call("POST", CLIENTS, admin, Map.of("client_name", "SPA", "client_type", "public",
                "redirect_uris", List.of("http://localhost:5173/callback")));
        assertThat(spa.status()).as(spa.body()).isEqualTo(201);
        assertThat(spa.json().has("client_secret")).isFalse();
        String spaId = spa.json().path("client_id").asText();
        expect(call("POST", CLIENTS + "/" + spaId + "/secret", admin, null), 400, "invalid_field");
    }

    @Test
    void aClientWithKeysHasNoSecretUntilItsKeysAreCleared() throws Exception {
        Map<String, Object> keys = JSONObjectUtils.parse(new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("k1").generate().toPublicJWK()).toString());
        Api.Reply created = call("POST", CLIENTS, admin, Map.of("client_id", "worker", "client_name", "Worker", "jwks", keys));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().has("client_secret")).isFalse();
        assertThat(created.json().path("has_secret").asBoolean()).isFalse();
        assertThat(created.json().path("token_endpoint_auth_method").asText()).isEqualTo("private_key_jwt");
        assertThat(created.json().path("jwks").path("keys").get(0).path("kid").asText()).isEqualTo("k1");
        expect(call("POST", CLIENTS + "/worker/secret", admin, null), 400, "invalid_field");

        Api.Reply toSecret = call("PUT", CLIENTS + "/worker", admin, "{\"jwks\": null}");
        assertThat(toSecret.status()).as(toSecret.body()).isEqualTo(200);
        assertThat(toSecret.json().path("client_secret").asText()).as("a client without keys gets a secret").matches("[A-Za-z0-9_-]{43}");
        assertThat(toSecret.json().path("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");

        Api.Reply backToKeys = call("PUT", CLIENTS + "/worker", admin, Map.of("jwks", keys));
        assertThat(backToKeys.json().path("has_secret").asBoolean()).as("keys replace the secret").isFalse();
        expect(call("PUT", CLIENTS + "/worker", admin, Map.of("jwks", "not an object")), 400, "invalid_field");
        expect(call("POST", CLIENTS, admin, Map.of("client_name", "Leaky", "jwks",
                JSONObjectUtils.parse(new JWKSet(new ECKeyGenerator(Curve.P_256).generate()).toString(false)))), 400, "invalid_field");
    }

    @Test
    void aDeletedClientIsGone() {
        call("POST", CLIENTS, admin, GRAFANA);

        assertThat(call("DELETE", CLIENTS + "/grafana", admin, null).status()).isEqualTo(204);
        expect(call("DELETE", CLIENTS + "/grafana", admin, null), 404, "not_found");
        expect(call("GET", CLIENTS + "/grafana", admin, null), 404, "not_found");
    }

    @Test
    void aTakenIdIsAConflict() {
        call("POST", CLIENTS, admin, GRAFANA);

        expect(call("POST", CLIENTS, admin, Map.of("client_id", "grafana", "client_name", "Other")), 409, "client_exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"client_name\": \"X\", \"redirect_uri\": \"https://a.example/cb\"}",
            "{\"client_name\": \"X\", \"client_secret\": \"chosen-by-me\"}",
    })
    void aFieldThisEndpointDoesNotReadIsRefused(String body) {
        expect(call("POST", CLIENTS, admin, body), 400, "unknown_field");
        assertThat(call("GET", CLIENTS, admin, null).json().path("clients")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"client_name\": 7}",
            "{\"client_name\": \"X\", \"redirect_uris\": \"https://a.example/cb\"}",
            "{\"client_name\": \"X\", \"redirect_uris\": [\"https://a.example/cb\", 3]}",
            "{\"client_name\": \"X\", \"redirect_uris\": [\"https://a.example/cb#x\"]}",
            "{\"client_name\": \"X\", \"redirect_uris\": [\"http://a.example/cb\"]}",
            "{\"client_name\": \"X\", \"redirect_uris\": [\"javascript:alert(1)\"]}",
            "{\"client_name\": \"X\", \"grant_types\": [\"password\"]}",
            "{\"client_name\": \"X\", \"grant_types\": [\"implicit\"]}",
            "{\"client_name\": \"X\", \"client_type\": \"Public\"}",
            "{\"client_name\": \"X\", \"client_type\": \"public\"}",
            "{\"client_name\": \"X\", \"scope\": \"openid  email\"}",
            "{\"client_name\": \"X\", \"scope\": \"openid \\\"email\"}",
            "{\"client_name\": \"X\", \"first_party\": \"yes\"}",
            "{\"client_name\": \"X\", \"access_token_ttl\": 0}",
            "{\"client_name\": \"X\", \"access_token_ttl\": 1.5}",
            "{\"client_name\": \"X\", \"access_token_ttl\": \"300\"}",
            "{\"client_name\": \"X\", \"client_id\": \"a/b\"}",
            "{\"client_name\": \"X\", \"client_name\": \"Y\"}",
            "{\"client_name\": \"X\", \"client_id\": \"..\"}",
            "{\"client_name\": \"A\\u202eB\"}",
            "{\"client_name\": \"A\\nB\"}",
            "{\"client_name\": \"A\\u0000B\"}",
            "{\"client_name\": \"A\\ud800B\"}",
            "{\"client_name\": null}",
            "{\"client_name\": \"X\", \"redirect_uris\": null}",
            "{\"client_name\": \"X\", \"access_token_ttl\": 9223372036854775807}",
            "{\"client_name\": \"X\", \"redirect_uris\": [\"https://2130706433/cb\"]}",
            "{\"client_name\": \"X\", \"client_type\": \"public\", \"first_party\": true, \"redirect_uris\": [\"com.example.app:/cb\"]}",
            "[]",
    })
    void badMetadataIsA400AndStoresNothing(String body) {
        Api.Reply reply = call("POST", CLIENTS, admin, body);

        assertThat(reply.status()).as(body + " -> " + reply.body()).isEqualTo(400);
        assertThat(reply.error()).isIn("invalid_field", "missing_field", "invalid_json");
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(call("GET", CLIENTS, admin, null).json().path("clients")).isEmpty();
    }
}
