package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.testing.SpawnsProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gatehouse's OpenID provider as a real relying-party library sees it: the npm package
 * {@code openid-client} (an OpenID-certified RP) runs the code flow with PKCE, the ID token's
 * checks, userinfo and client credentials against a live server on a SQLite file, for a
 * confidential and a public client. The library refuses anything that is not as the specs say,
 * so each flow passing is the library's verdict, not only ours.
 */
@SpawnsProcesses
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenIdClientLibraryTest {
    private static final Path RP = Path.of("src", "test", "openid-client");
    private static final String USER_EMAIL = "ada@example.com";
    private static final String USER_PASSWORD = "ada's long password";
    private static final String REDIRECT = "http://127.0.0.1:9/callback";
    private static final String AFTER_LOGOUT = "http://127.0.0.1:9/signed-out";

    @TempDir
    static Path dir;
    private OpenIdTestServer gatehouse;

    @BeforeAll
    void start() throws Exception {
        Executables.npmCi(RP, "openid-client", dir.resolve("npm.log"));
        gatehouse = OpenIdTestServer.start(dir);
        gatehouse.addUser(USER_EMAIL, USER_PASSWORD, "Ada Lovelace");
    }

    @AfterAll
    void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    /** Registers a client through the admin API; returns its secret, or null for a public client. */
    private String register(Map<String, Object> client) throws Exception {
        JsonNode created = gatehouse.register(client);
        return created.has("client_secret") ? created.path("client_secret").asText() : null;
    }

    private JsonNode rp(Map<String, String> settings) throws Exception {
        Path node = Executables.require("node", List.of("/usr/bin", "/usr/local/bin"), "Debian: apt-get install nodejs npm");
        ProcessBuilder builder = new ProcessBuilder(node.toString(), "rp.mjs").directory(RP.toFile())
                .redirectError(dir.resolve("rp-stderr.log").toFile());
        builder.environment().put("GH_ISSUER", gatehouse.issuer());
        builder.environment().put("GH_LOGIN", USER_EMAIL);
        builder.environment().put("GH_PASSWORD", USER_PASSWORD);
        builder.environment().put("GH_REDIRECT_URI", REDIRECT);
        builder.environment().putAll(settings);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        JsonNode result = new ObjectMapper().readTree(output);
        assertThat(process.exitValue()).as(output + Files.readString(dir.resolve("rp-stderr.log"))).isZero();
        return result;
    }

    @Test
    void aConfidentialClientSignsAUserInWithTheCodeFlow() throws Exception {
        String secret = register(Map.of("client_id", "webapp", "client_name", "Web app", "redirect_uris", List.of(REDIRECT),
                "scope", "openid profile email offline_access"));

        JsonNode result = rp(Map.of("GH_FLOW", "code", "GH_CLIENT_ID", "webapp", "GH_CLIENT_SECRET", secret,
                "GH_SCOPE", "openid profile email offline_access"));

        assertThat(result.path("iss").asText()).isEqualTo(gatehouse.issuer());
        JsonNode claims = result.path("claims");
        assertThat(claims.path("iss").asText()).isEqualTo(gatehouse.issuer());
        assertThat(claims.path("aud").asText()).isEqualTo("webapp");
        assertThat(claims.path("email").asText()).isEqualTo(USER_EMAIL);
        assertThat(claims.path("amr").get(0).asText()).isEqualTo("pwd");
        assertThat(result.path("userInfo").path("sub").asText()).isEqualTo(claims.path("sub").asText());
        assertThat(result.path("userInfo").path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(result.path("tokenType").asText()).isEqualToIgnoringCase("bearer");
        assertThat(result.path("replay").asText()).as("a code is used once").isEqualTo("invalid_grant");
        assertThat(result.path("userInfoAfterReplay").asText()).as("and its reuse revokes what it gave").isNotEqualTo("accepted");
        assertThat(result.path("refreshed").path("rotated").asBoolean()).as("offline_access: a rotating refresh token").isTrue();
        assertThat(result.path("refreshed").path("userInfo").path("email").asText()).isEqualTo(USER_EMAIL);
    }

    @Test
    void aClientWithKeysSignsAUserInAndOutAuthenticatingWithPrivateKeyJwt() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("rp-key-1").generate();
        JsonNode created = gatehouse.register(Map.of("client_id", "keyed", "client_name", "Keyed app", "redirect_uris", List.of(REDIRECT),
                "post_logout_redirect_uris", List.of(AFTER_LOGOUT), "scope", "openid email",
                "jwks", JSONObjectUtils.parse(new JWKSet(key.toPublicJWK()).toString())));
        assertThat(created.has("client_secret")).isFalse();

        JsonNode result = rp(Map.of("GH_FLOW", "code", "GH_CLIENT_ID", "keyed", "GH_CLIENT_KEY", key.toJSONString(),
                "GH_SCOPE", "openid email", "GH_POST_LOGOUT_URI", AFTER_LOGOUT));

        assertThat(result.path("claims").path("aud").asText()).isEqualTo("keyed");
        assertThat(result.path("userInfo").path("email").asText()).isEqualTo(USER_EMAIL);
        JsonNode signedOut = result.path("signedOut");
        assertThat(signedOut.path("status").asInt()).isEqualTo(303);
        assertThat(signedOut.path("location").asText()).isEqualTo(AFTER_LOGOUT + "?state=signed-out-state");
        assertThat(signedOut.path("sessionAfter").asInt()).as("the session ended").isEqualTo(401);
    }

    @Test
    void anAppRegistersItselfAndSignsAUserIn() throws Exception {
        JsonNode result = rp(Map.of("GH_FLOW", "code", "GH_REGISTRATION_TOKEN", OpenIdTestServer.REGISTRATION_TOKEN,
                "GH_SCOPE", "openid email"));

        String clientId = result.path("claims").path("aud").asText();
        assertThat(clientId).matches("[0-9a-f]{32}");
        assertThat(result.path("userInfo").path("email").asText()).isEqualTo(USER_EMAIL);
        JsonNode registered = gatehouse.client(clientId);
        assertThat(registered.path("client_name").asText()).isEqualTo("Self-registered app");
        assertThat(registered.path("first_party").asBoolean()).isFalse();
    }

    @Test
    void aServiceClientAuthenticatesWithItsKey() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("svc-key-1").generate();
        gatehouse.register(Map.of("client_id", "reporter", "client_name", "Reporter", "grant_types", List.of("client_credentials"),
                "scope", "reports", "jwks", JSONObjectUtils.parse(new JWKSet(key.toPublicJWK()).toString())));

        JsonNode result = rp(Map.of("GH_FLOW", "client_credentials", "GH_CLIENT_ID", "reporter", "GH_CLIENT_KEY", key.toJSONString(),
                "GH_SCOPE", "reports"));

        assertThat(result.path("scope").asText()).isEqualTo("reports");
    }

    @Test
    void aPublicClientSignsAUserInWithPkceAlone() throws Exception {
        register(Map.of("client_id", "native", "client_name", "Native app", "client_type", "public", "redirect_uris", List.of(REDIRECT),
                "scope", "openid email"));

        JsonNode result = rp(Map.of("GH_FLOW", "code", "GH_CLIENT_ID", "native", "GH_SCOPE", "openid email"));

        assertThat(result.path("claims").path("aud").asText()).isEqualTo("native");
        assertThat(result.path("userInfo").path("email").asText()).isEqualTo(USER_EMAIL);
        assertThat(result.path("userInfo").has("name")).as("no profile scope, no name").isFalse();
    }

    @Test
    void aServiceClientGetsATokenForItself() throws Exception {
        String secret = register(Map.of("client_id", "billing", "client_name", "Billing", "grant_types", List.of("client_credentials"),
                "scope", "invoices reports"));

        JsonNode result = rp(Map.of("GH_FLOW", "client_credentials", "GH_CLIENT_ID", "billing", "GH_CLIENT_SECRET", secret,
                "GH_SCOPE", "reports"));

        assertThat(result.path("scope").asText()).isEqualTo("reports");
        assertThat(result.path("expiresIn").asLong()).isBetween(1L, Duration.ofMinutes(15).toSeconds());
    }
}
