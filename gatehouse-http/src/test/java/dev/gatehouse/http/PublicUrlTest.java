package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.http.Steps.API;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every absolute URL Gatehouse writes comes from {@code GATEHOUSE_PUBLIC_URL}, never from the
 * request: a {@code Host} header (or a proxy's {@code X-Forwarded-Host}) names whatever the
 * caller likes, and must not be repeated back in a Location or a discovery document.
 */
class PublicUrlTest {
    private static final String EVIL = "evil.example";
    private static final String PUBLIC = "https://auth.example.com";

    @Test
    void theLoginPageRedirectNamesNoHostFromTheRequest() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("GATEHOUSE_PUBLIC_URL", PUBLIC))) {
            Steps.register(gatehouse.api(), Map.of("email", "ada@example.com", "password", "correct horse battery"));
            byte[] form = "login=ada%40example.com&password=correct+horse+battery&return_to=%2Fdocs".getBytes(StandardCharsets.UTF_8);

            Api.Reply signedIn = gatehouse.api().sendRaw("POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + form.length + "\r\nX-Forwarded-Host: " + EVIL, EVIL, form);

            assertThat(signedIn.status()).isEqualTo(303);
            assertThat(signedIn.header("Location")).hasValueSatisfying(location -> assertThat(location).isIn("/docs", PUBLIC + "/docs"));
            assertNothingNames(signedIn, EVIL);
        }
    }

    @Test
    void theForwardAuthRedirectToTheLoginPageNamesNoHostFromTheRequestsHostHeader() {
        Map<String, String> proxyHeaders = Map.of(
                "nginx", "X-Original-URI: /private\r\nX-Original-Method: GET",
                "traefik", "X-Forwarded-Uri: /private\r\nX-Forwarded-Method: GET\r\nX-Forwarded-Host: app.example.com\r\nX-Forwarded-Proto: https");
        proxyHeaders.forEach((proxy, headers) -> {
            try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("GATEHOUSE_PUBLIC_URL", PUBLIC, "GATEHOUSE_FORWARD_AUTH_PROXY", proxy))) {
                Api.Reply redirect = gatehouse.api().sendRaw("GET /auth/verify HTTP/1.1\r\nAccept: text/html\r\n" + headers, EVIL, new byte[0]);

                assertThat(redirect.status()).as(proxy + ": " + redirect.body()).isIn(302, 401);
                String location = redirect.header("Location").or(() -> redirect.header("X-Auth-Redirect")).orElseThrow();
                assertThat(location).as(proxy).startsWith("/login").doesNotContain(EVIL);
            }
        });
    }

    @Test
    void aCreatedUsersLocationNamesNoHostFromTheRequest() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("GATEHOUSE_PUBLIC_URL", PUBLIC))) {
            byte[] body = "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\"}".getBytes(StandardCharsets.UTF_8);
            Api.Reply created = gatehouse.api().sendRaw("POST " + API + "/users HTTP/1.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length, EVIL, body);

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.header("Location")).hasValueSatisfying(location -> assertThat(location).startsWith(API + "/users/"));
            assertNothingNames(created, EVIL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "ES256"})
    void theAuthorizationServerMetadataIsBuiltFromThePublicUrlBehindAProxy(String algorithm) {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("AUTH_TYPE", "jwt,session", "GATEHOUSE_PUBLIC_URL", PUBLIC,
                "JWT_ALGORITHM", algorithm))) {
            // What a proxy forwards: its own Host for the upstream, and the client's in X-Forwarded-*.
            Api.Reply metadata = gatehouse.api().sendRaw("GET /.well-known/oauth-authorization-server HTTP/1.1\r\nX-Forwarded-Host: " + EVIL
                    + "\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Port: 9999", "127.0.0.1:" + gatehouse.port(), new byte[0]);

            assertThat(metadata.status()).isEqualTo(200);
            JsonNode json = metadata.json();
            assertThat(json.path("jwks_uri").asText()).isEqualTo(PUBLIC + "/.well-known/jwks.json");
            if (algorithm.equals("HS256")) {
                // No OpenID provider: the document describes Gatehouse's own token API.
                assertThat(json.path("token_endpoint").asText()).isEqualTo(PUBLIC + API + "/auth/token");
                assertThat(json.path("revocation_endpoint").asText()).isEqualTo(PUBLIC + API + "/auth/revoke");
                assertThat(json.path("introspection_endpoint").asText()).isEqualTo(PUBLIC + API + "/auth/introspect");
            } else {
                assertThat(json.path("token_endpoint").asText()).isEqualTo(PUBLIC + "/token");
                assertThat(json.path("authorization_endpoint").asText()).isEqualTo(PUBLIC + "/authorize");
            }
            assertThat(json.path("issuer").asText()).isEqualTo(TestGatehouse.ISSUER);
            for (String url : urlsIn(json)) {
                assertThat(url).as("every URL of the metadata").startsWith(PUBLIC + "/")
                        .doesNotContain("127.0.0.1").doesNotContain(EVIL).doesNotContain(":" + gatehouse.port());
            }
            assertThat(metadata.body()).doesNotContain(EVIL).doesNotContain(":" + gatehouse.port());
        }
    }

    private static List<String> urlsIn(JsonNode json) {
        List<String> urls = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (field.getKey().endsWith("_endpoint") || field.getKey().endsWith("_uri")) {
                urls.add(field.getValue().asText());
            }
        }
        assertThat(urls).hasSizeGreaterThanOrEqualTo(4);
        return urls;
    }

    private static void assertNothingNames(Api.Reply reply, String host) {
        reply.headers().forEach((name, values) -> assertThat(values).as(name).noneMatch(v -> v.contains(host)));
        assertThat(reply.body()).doesNotContain(host);
    }
}
