package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.oidc.ClientChange;
import dev.gatehouse.oidc.ClientRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /token} with {@code client_credentials} on a real server: a service client acts as
 * itself, every refusal is the error RFC 6749 section 5.2 names, and its token is judged by every
 * caller of the bearer authenticator.
 */
class ClientCredentialsTest {
    private static final String INTROSPECTION_SECRET = "introspection secret of the resource servers";

    private TestGatehouse gatehouse;
    private Api api;
    private String billingSecret;

    @BeforeEach
    void start() {
        gatehouse = TestGatehouse.inMemory(Map.of("AUTH_TYPE", "jwt,session", "GATEHOUSE_INTROSPECTION_SECRET", INTROSPECTION_SECRET));
        api = gatehouse.api();
        billingSecret = register("billing", ClientType.CONFIDENTIAL, List.of(), Set.of("invoices:read", "reports"),
                Set.of(GrantType.CLIENT_CREDENTIALS), Optional.of(Duration.ofMinutes(5))).orElseThrow();
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    private Optional<String> register(String id, ClientType type, List<String> redirectUris, Set<String> scopes, Set<GrantType> grants,
                                      Optional<Duration> ttl) {
        ClientChange change = gatehouse.clients.register(new ClientRegistration(Optional.of(id), id, type, Optional.empty(), redirectUris, List.of(),
                Optional.empty(), scopes, grants, false, ttl, Optional.empty()));
        return ((ClientChange.Saved) change).secret();
    }

    private Api.Reply token(Map<String, String> form, String... headers) {
        return api.call("POST", "/token").headers(headers).form(form).send();
    }

    private static void expectError(Api.Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().path("error").asText()).isEqualTo(error);
        assertThat(reply.header("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(reply.header("Cache-Control")).hasValue("no-store");
    }

    private Api.Reply introspect(String token) {
        return api.call("POST", "/api/v1/auth/introspect").headers("Authorization", "Bearer " + INTROSPECTION_SECRET)
                .form(Map.of("token", token)).send();
    }

    @Test
    void aServiceClientGetsATokenForItselfWithBasicOrInTheBody() {
        Api.Reply basic = token(Map.of("grant_type", "client_credentials"), "Authorization", Api.basic("billing", billingSecret));

        assertThat(basic.status()).as(basic.body()).isEqualTo(200);
        assertThat(basic.header("Cache-Control")).hasValue("no-store");
        JsonNode body = basic.json();
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(300);
        assertThat(body.path("scope").asText()).isEqualTo("invoices:read reports");
        assertThat(body.has("refresh_token")).as("RFC 6749 4.4.3: no refresh token for client_credentials").isFalse();

        Api.Reply post = token(Map.of("grant_type", "client_credentials", "client_id", "billing", "client_secret", billingSecret,
                "scope", "reports"));
        assertThat(post.status()).as(post.body()).isEqualTo(200);
        assertThat(post.json().path("scope").asText()).isEqualTo("reports");

        JsonNode active = introspect(post.json().path("access_token").asText()).json();
        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(active.path("sub").asText()).isEqualTo("billing");
        assertThat(active.path("client_id").asText()).isEqualTo("billing");
        assertThat(active.path("scope").asText()).isEqualTo("reports");
        assertThat(active.has("role")).isFalse();
    }

    @Test
    void aClientsOwnTokenIsNoUserAnywhere() {
        String token = token(Map.of("grant_type", "client_credentials"), "Authorization", Api.basic("billing", billingSecret))
                .json().path("access_token").asText();
        String bearer = "Bearer " + token;

        Api.Reply me = api.call("GET", "/api/v1/users/me").headers("Authorization", bearer).send();
        assertThat(me.status()).as("Gatehouse's own API is for users").isEqualTo(403);
        assertThat(api.call("GET", "/api/v1/admin/clients").headers("Authorization", bearer).send().status()).isEqualTo(403);
        Api.Reply verify = api.call("GET", "/auth/verify").headers("X-Original-URI", "/orders", "X-Original-Method", "GET",
                "X-Forwarded-Host", "app.example.com", "Accept", "application/json", "Authorization", bearer).send();
        assertThat(verify.status()).as("the rules judge users: a client's own token opens public paths only").isEqualTo(401);
        assertThat(verify.header("X-Auth-User")).isEmpty();
    }

    @Test
    void aDeletedClientsTokensEndWithIt() {
        String token = token(Map.of("grant_type", "client_credentials"), "Authorization", Api.basic("billing", billingSecret))
                .json().path("access_token").asText();
        assertThat(introspect(token).json().path("active").asBoolean()).isTrue();

        assertThat(gatehouse.clients.delete("billing")).isTrue();

        assertThat(introspect(token).json().path("active").asBoolean()).isFalse();
    }

    @Test
    void aWrongSecretOrAnUnknownClientIsInvalidClientAndBasicIsChallenged() {
        Api.Reply wrongBasic = token(Map.of("grant_type", "client_credentials"), "Authorization", Api.basic("billing", "wrong"));
        expectError(wrongBasic, 401, "invalid_client");
        assertThat(wrongBasic.header("WWW-Authenticate").orElseThrow()).startsWith("Basic ");

        Api.Reply unknown = token(Map.of("grant_type", "client_credentials"), "Authorization", Api.basic("nobody", billingSecret));
        expectError(unknown, 401, "invalid_client");
        assertThat(unknown.json().path("error_description").asText()).isEqualTo(wrongBasic.json().path("error_description").asText());

        Api.Reply wrongPost = token(Map.of("grant_type", "client_credentials", "client_id", "billing", "client_secret", "wrong"));
        expectError(wrongPost, 401, "invalid_client");
        assertThat(wrongPost.header("WWW-Authenticate")).isEmpty();

        expectError(token(Map.of("grant_type", "client_credentials", "client_id", "billing")), 401, "invalid_client");
        expectError(token(Map.of("grant_type", "client_credentials")), 401, "invalid_client");
    }

    @Test
    void twoAuthenticationMethodsOrTwoClientsInOneRequestAreRefused() {
        expectError(token(Map.of("grant_type", "client_credentials", "client_id", "billing", "client_secret", billingSecret),
                "Authorization", Api.basic("billing", billingSecret)), 400, "invalid_request");
        expectError(token(Map.of("grant_type", "client_credentials", "client_id", "other"),
                "Authorization", Api.basic("billing", billingSecret)), 400, "invalid_request");
    }

    @Test
    void aPublicClientCannotActAsItselfNorPassASecret() {
        register("spa", ClientType.PUBLIC, List.of("https://spa.example.com/cb"), Set.of("openid"),
                Set.of(GrantType.AUTHORIZATION_CODE), Optional.empty());
        // client_credentials needs a client that authenticates: naming one is not enough.
        expectError(token(Map.of("grant_type", "client_credentials", "client_id", "spa")), 401, "invalid_client");
        expectError(token(Map.of("grant_type", "client_credentials", "client_id", "spa", "client_secret", "anything")), 401,
                "invalid_client");
        expectError(token(Map.of("grant_type", "client_credentials"), "Authorization", Api.basic("spa", "")), 401, "invalid_client");
    }

    @Test
    void aConfidentialClientWithoutTheGrantIsUnauthorized() {
        String secret = register("grafana", ClientType.CONFIDENTIAL, List.of("https://grafana.example.com/cb"), Set.of("openid"),
                Set.of(GrantType.AUTHORIZATION_CODE), Optional.empty()).orElseThrow();
        expectError(token(Map.of("grant_type", "client_credentials"), "Authorization", Api.basic("grafana", secret)), 400,
                "unauthorized_client");
    }

    @Test
    void aScopeTheClientIsNotRegisteredForOrThatIsMalformedIsRefused() {
        String basic = Api.basic("billing", billingSecret);
        for (String scope : List.of("admin", "reports admin", "openid", "offline_access", "reports  invoices:read", " reports",
                "reports reports", "reports\tinvoices:read")) {
            expectError(token(Map.of("grant_type", "client_credentials", "scope", scope), "Authorization", basic), 400, "invalid_scope");
        }
        Api.Reply none = token(Map.of("grant_type", "client_credentials", "scope", ""), "Authorization", basic);
        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat(none.json().has("scope")).isFalse();
    }

    @Test
    void aRequestThatCouldBeReadTwoWaysOrIsNotAFormIsInvalid() {
        String basic = Api.basic("billing", billingSecret);
        byte[] twice = "grant_type=client_credentials&scope=reports&scope=invoices%3Aread".getBytes(StandardCharsets.UTF_8);
        expectError(api.call("POST", "/token").headers("Authorization", basic).raw("application/x-www-form-urlencoded", twice).send(),
                400, "invalid_request");
        expectError(api.call("POST", "/token").headers("Authorization", basic).json(Map.of("grant_type", "client_credentials")).send(),
                400, "invalid_request");
        expectError(token(Map.of("scope", "reports"), "Authorization", basic), 400, "invalid_request");
        expectError(token(Map.of("grant_type", "password", "username", "a", "password", "b"), "Authorization", basic), 400,
                "unsupported_grant_type");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        expectError(api.call("POST", "/token").headers("Authorization", basic + "x").form(form).send(), 401, "invalid_client");
    }

    @Test
    void twoAuthorizationHeadersAreRefusedWhicheverComesFirst() {
        String token = token(Map.of("grant_type", "client_credentials"), "Authorization", Api.basic("billing", billingSecret))
                .json().path("access_token").asText();
        for (String[] order : new String[][] {{"Bearer " + token, "Bearer garbage"}, {"Bearer garbage", "Bearer " + token}}) {
            String headers = "\r\nAuthorization: " + order[0] + "\r\nAuthorization: " + order[1];
            Api.Reply me = api.sendRaw("GET /api/v1/users/me HTTP/1.1" + headers, new byte[0]);
            assertThat(me.status()).as("a proxy or an app may read the other one").isEqualTo(401);
            assertThat(me.error()).isEqualTo("malformed_credentials");
            assertThat(api.sendRaw("GET /userinfo HTTP/1.1" + headers, new byte[0]).status()).isEqualTo(401);
            Api.Reply introspect = api.sendRaw("POST /api/v1/auth/introspect HTTP/1.1\r\nAuthorization: Bearer " + INTROSPECTION_SECRET
                    + "\r\nAuthorization: Bearer other\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9",
                    "token=abc".getBytes(StandardCharsets.UTF_8));
            assertThat(introspect.status()).isEqualTo(401);
        }
    }
}
