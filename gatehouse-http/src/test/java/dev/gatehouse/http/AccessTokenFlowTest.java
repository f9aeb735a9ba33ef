package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Access and refresh tokens over HTTP, end to end (AUTH_TYPE with jwt). */
class AccessTokenFlowTest {
    private static final Map<String, String> JWT_AND_SESSIONS = Map.of("AUTH_TYPE", "jwt,session", "JWT_ALGORITHM", "ES256");
    private static final Map<String, String> ADA = Map.of("email", "ada@example.com", "password", "correct horse battery");

    private static JsonNode login(Api api) {
        Api.Reply reply = api.postJson("/api/v1/auth/login", ADA);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** One sign-in's cookie and tokens. */
    private record SignIn(String cookie, String accessToken, String refreshToken) {
    }

    private static SignIn signIn(Api api) {
        Api.Reply reply = api.postJson("/api/v1/auth/login", ADA);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return new SignIn(reply.cookie(Steps.DEFAULT_COOKIE).orElseThrow(), reply.json().path("access_token").asText(),
                reply.json().path("refresh_token").asText());
    }

    private static int me(Api api, String accessToken) {
        return api.get("/api/v1/users/me", "Authorization", "Bearer " + accessToken).status();
    }

    private static Api.Reply refresh(Api api, String refreshToken) {
        return api.postForm("/api/v1/auth/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    private static JsonNode jwtPart(String token, int part) {
        try {
            return Api.MAPPER.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[part]));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void loginReturnsTokensBesideTheUserAndTheBearerTokenAuthenticates() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(JWT_AND_SESSIONS)) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            JsonNode body = login(api);
            assertThat(body.path("email").asText()).isEqualTo("ada@example.com");
            assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
            assertThat(body.path("expires_in").asLong()).isEqualTo(900);
            assertThat(body.path("refresh_token").asText()).hasSize(43);
            String access = body.path("access_token").asText();

            JsonNode header = jwtPart(access, 0);
            JsonNode claims = jwtPart(access, 1);
            assertThat(header.path("alg").asText()).isEqualTo("ES256");
            assertThat(header.path("typ").asText()).isEqualTo("at+jwt");
            assertThat(claims.path("sub").asText()).isEqualTo(body.path("id").asText());
            assertThat(claims.path("role").asText()).isEqualTo("common");
            assertThat(claims.path("iss").asText()).isEqualTo(TestGatehouse.ISSUER);

            Api.Reply me = api.get("/api/v1/users/me", "Authorization", "Bearer " + access);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().path("id").asText()).isEqualTo(body.path("id").asText());

            Api.Reply forged = api.get("/api/v1/users/me", "Authorization", "Bearer " + access.substring(0, access.length() - 4) + "AAAA");
            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.error()).isEqualTo("invalid_token");
            assertThat(forged.header("WWW-Authenticate").orElseThrow()).contains("Bearer");

            gatehouse.clock.advance(Duration.ofMinutes(15).plusSeconds(61));
            assertThat(me(api, access)).isEqualTo(401);
        }
    }

    @Test
    void refreshRotatesAndAReusedRefreshTokenRevokesTheWholeFamily() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(JWT_AND_SESSIONS)) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            String first = login(api).path("refresh_token").asText();

            Api.Reply rotated = refresh(api, first);
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            String second = rotated.json().path("refresh_token").asText();
            assertThat(second).isNotEqualTo(first);
            assertThat(me(api, rotated.json().path("access_token").asText())).isEqualTo(200);

            Api.Reply reused = refresh(api, first);
            assertThat(reused.status()).isEqualTo(400);
            assertThat(reused.error()).isEqualTo("invalid_grant");
            assertThat(refresh(api, second).error()).as("the family is revoked").isEqualTo("invalid_grant");

            Api.Reply wrongGrant = api.postForm("/api/v1/auth/token", Map.of("grant_type", "password", "refresh_token", second));
            assertThat(wrongGrant.error()).isEqualTo("unsupported_grant_type");
        }
    }

    @Test
    void logoutWithOnlyTheBearerTokenEndsThatSignInEverywhere() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(JWT_AND_SESSIONS)) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            SignIn laptop = signIn(api);
            SignIn phone = signIn(api);
            String bearer = "Bearer " + laptop.accessToken();

            assertThat(api.call("POST", "/api/v1/auth/logout").headers("Authorization", bearer).send().status()).isEqualTo(204);

            assertThat(me(api, laptop.accessToken())).as("the token itself").isEqualTo(401);
            assertThat(refresh(api, laptop.refreshToken()).error()).as("its refresh family").isEqualTo("invalid_grant");
            assertThat(Steps.meStatus(api, Steps.cookie(laptop.cookie()))).as("the cookie session of that sign-in").isEqualTo(401);
            assertThat(me(api, phone.accessToken())).as("another sign-in is untouched").isEqualTo(200);
            assertThat(Steps.meStatus(api, Steps.cookie(phone.cookie()))).isEqualTo(200);
            assertThat(api.call("DELETE", "/api/v1/auth/logout").headers("Authorization", bearer).send().status())
                    .as("again: nothing left to end").isEqualTo(204);
        }
    }

    /**
     * Without sessions nothing but the refresh family names a sign-in: the access token carries
     * it, so a logout with the newest access token ends the family, however often it was refreshed.
     */
    @Test
    void logoutWithABearerTokenEndsItsRefreshFamilyWhenSessionsAreOff() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("AUTH_TYPE", "jwt", "JWT_ALGORITHM", "ES256"))) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            JsonNode laptop = login(api);
            JsonNode phone = login(api);
            JsonNode refreshed = refresh(api, laptop.path("refresh_token").asText()).json();
            String accessToken = refreshed.path("access_token").asText();
            assertThat(jwtPart(accessToken, 1).has("sid")).isFalse();

            assertThat(api.call("POST", "/api/v1/auth/logout").headers("Authorization", "Bearer " + accessToken).send().status()).isEqualTo(204);

            assertThat(me(api, accessToken)).as("the token itself").isEqualTo(401);
            assertThat(refresh(api, refreshed.path("refresh_token").asText()).error()).as("its refresh family").isEqualTo("invalid_grant");
            assertThat(refresh(api, phone.path("refresh_token").asText()).status()).as("another sign-in is untouched").isEqualTo(200);
        }
    }

    @Test
    void logoutWithBasicCredentialsEndsNothingButTheCookieSentWithThem() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("AUTH_TYPE", "basic,jwt,session", "JWT_ALGORITHM", "ES256"))) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            JsonNode tokens = login(api);
            String basic = "Basic " + Base64.getEncoder().encodeToString("ada@example.com:correct horse battery".getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertThat(api.call("POST", "/api/v1/auth/logout").headers("Authorization", basic).send().status()).isEqualTo(204);

            assertThat(me(api, tokens.path("access_token").asText())).as("a token sign-in of the same user").isEqualTo(200);
            assertThat(api.get("/api/v1/users/me", "Authorization", basic).status()).as("each Basic request signs in anew").isEqualTo(200);
        }
    }

    @Test
    void logoutEndsTheSessionsTokensAndLogOutEverywhereEndsAll() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(JWT_AND_SESSIONS)) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            SignIn first = signIn(api);
            String cookie = first.cookie();
            String access = first.accessToken();
            String refreshToken = first.refreshToken();
            JsonNode other = login(api);

            assertThat(api.call("POST", "/api/v1/auth/logout").headers(Steps.cookie(cookie)).send().status()).isEqualTo(204);
            assertThat(me(api, access)).as("bound to the ended session").isEqualTo(401);
            assertThat(refresh(api, refreshToken).error()).isEqualTo("invalid_grant");
            assertThat(me(api, other.path("access_token").asText())).as("another sign-in is untouched").isEqualTo(200);

            gatehouse.clock.advance(Duration.ofSeconds(2));
            Api.Reply everywhere = api.call("DELETE", "/api/v1/sessions").headers("Authorization", "Bearer " + other.path("access_token").asText()).send();
            assertThat(everywhere.status()).isEqualTo(204);
            assertThat(me(api, other.path("access_token").asText())).isEqualTo(401);
            assertThat(refresh(api, other.path("refresh_token").asText()).error()).isEqualTo("invalid_grant");

            gatehouse.clock.advance(Duration.ofSeconds(2));
            assertThat(me(api, login(api).path("access_token").asText())).as("a later sign-in works").isEqualTo(200);
        }
    }

    @Test
    void revocationAndIntrospection() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(JWT_AND_SESSIONS)) {
            Api api = gatehouse.api();
            gatehouse.users.ensureAdmin("root@example.com", "root password 1");
            String admin = Api.basic("root@example.com", "root password 1");
            Steps.register(api, ADA);
            JsonNode tokens = login(api);
            String access = tokens.path("access_token").asText();

            Api.Reply active = api.postForm("/api/v1/auth/introspect", Map.of("token", access), "Authorization", admin);
            assertThat(active.status()).isEqualTo(401).as("Basic is not enabled here");

            try (TestGatehouse withBasic = TestGatehouse.inMemory(Map.of("AUTH_TYPE", "jwt,session,basic"))) {
                Api api2 = withBasic.api();
                withBasic.users.ensureAdmin("root@example.com", "root password 1");
                Steps.register(api2, ADA);
                JsonNode t2 = login(api2);
                String access2 = t2.path("access_token").asText();
                Api.Reply introspected = api2.postForm("/api/v1/auth/introspect", Map.of("token", access2), "Authorization", admin);
                assertThat(introspected.status()).as(introspected.body()).isEqualTo(200);
                assertThat(introspected.json().path("active").asBoolean()).isTrue();
                assertThat(introspected.json().path("token_type").asText()).isEqualTo("access_token");
                assertThat(introspected.json().path("sub").asText()).isEqualTo(t2.path("id").asText());
                JsonNode refreshInfo = api2.postForm("/api/v1/auth/introspect", Map.of("token", t2.path("refresh_token").asText()),
                        "Authorization", admin).json();
                assertThat(refreshInfo.path("active").asBoolean()).isTrue();
                assertThat(refreshInfo.path("token_type").asText()).isEqualTo("refresh_token");

                assertThat(api2.postForm("/api/v1/auth/introspect", Map.of("token", access2), "Authorization", "Bearer " + access2).status())
                        .as("a common user may not introspect").isEqualTo(403);

                assertThat(api2.postForm("/api/v1/auth/revoke", Map.of("token", access2)).status()).isEqualTo(200);
                assertThat(me(api2, access2)).isEqualTo(401);
                Api.Reply inactive = api2.postForm("/api/v1/auth/introspect", Map.of("token", access2), "Authorization", admin);
                assertThat(inactive.json().path("active").asBoolean()).isFalse();
                assertThat(inactive.json().size()).isEqualTo(1);

                assertThat(api2.postForm("/api/v1/auth/revoke", Map.of("token", "not-a-token")).status()).as("RFC 7009: unknown is fine").isEqualTo(200);
                assertThat(api2.postForm("/api/v1/auth/revoke", Map.of("token", t2.path("refresh_token").asText())).status()).isEqualTo(200);
                assertThat(refresh(api2, t2.path("refresh_token").asText()).error()).isEqualTo("invalid_grant");
            }
        }
    }

    @Test
    void aRevokedTokenStaysRefusedThroughTheLeewayPastItsExpiry() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(JWT_AND_SESSIONS)) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            String access = login(api).path("access_token").asText();
            assertThat(api.postForm("/api/v1/auth/revoke", Map.of("token", access)).status()).isEqualTo(200);

            gatehouse.clock.advance(Duration.ofMinutes(15).plusSeconds(20));
            gatehouse.revocations.deleteExpired(gatehouse.clock.instant());

            assertThat(me(api, access)).as("past exp, within the verifier's leeway: still revoked").isEqualTo(401);
        }
    }

    @Test
    void jwksPublishesPublicKeysOnlyAndDiscoveryAgreesWithTheTokens() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(JWT_AND_SESSIONS)) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            String access = login(api).path("access_token").asText();

            Api.Reply jwks = api.get("/.well-known/jwks.json");
            assertThat(jwks.status()).isEqualTo(200);
            assertThat(jwks.header("Cache-Control").orElseThrow()).contains("max-age=");
            JsonNode keys = jwks.json().path("keys");
            assertThat(keys.size()).isGreaterThanOrEqualTo(1);
            for (JsonNode key : keys) {
                assertThat(key.has("d")).isFalse();
                assertThat(key.path("use").asText()).isEqualTo("sig");
            }
            String kid = jwtPart(access, 0).path("kid").asText();
            assertThat(keys.findValuesAsText("kid")).contains(kid);

            JsonNode discovery = api.get("/.well-known/oauth-authorization-server").json();
            assertThat(discovery.path("issuer").asText()).isEqualTo(jwtPart(access, 1).path("iss").asText());
            // The default public URL of a server on any free port: the port it got.
            assertThat(discovery.path("jwks_uri").asText()).isEqualTo("http://127.0.0.1:" + gatehouse.port() + "/.well-known/jwks.json");
            assertThat(api.get(discovery.path("jwks_uri").asText().substring(("http://127.0.0.1:" + gatehouse.port()).length())).json())
                    .isEqualTo(jwks.json());
            // With the OpenID provider there is one authorization server: RFC 8414's document is OpenID's.
            JsonNode openId = api.get("/.well-known/openid-configuration").json();
            assertThat(discovery).isEqualTo(openId);
            assertThat(discovery.path("token_endpoint").asText()).isEqualTo("http://127.0.0.1:" + gatehouse.port() + "/token");
            assertThat(openId.path("id_token_signing_alg_values_supported")).extracting(JsonNode::asText)
                    .containsExactly(jwtPart(access, 0).path("alg").asText());
        }
    }

    @Test
    void withoutJwtLoginHasNoTokensAndBearerIsNotEnabled() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("AUTH_TYPE", "session"))) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            assertThat(login(api).has("access_token")).isFalse();
            Api.Reply bearer = api.get("/api/v1/users/me", "Authorization", "Bearer abc.def.ghi");
            assertThat(bearer.status()).isEqualTo(401);
            assertThat(bearer.error()).isEqualTo("auth_method_not_enabled");
            assertThat(api.get("/.well-known/jwks.json").status()).isEqualTo(404);
        }
    }
}
