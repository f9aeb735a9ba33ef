package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.keys.KeyRotator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation as clients see it: the next key is in the JWKS before it signs, tokens signed by
 * the old key keep working until they expire, and the old key leaves the JWKS after that.
 */
class KeyRotationOverHttpTest {
    private static final Map<String, String> ADA = Map.of("email", "ada@example.com", "password", "correct horse battery");

    @Test
    void noTokenIsRefusedAcrossARotation() throws Exception {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("AUTH_TYPE", "jwt", "JWT_ALGORITHM", "EdDSA",
                "JWT_ROTATE_INTERVAL", "3600", "JWT_TTL", "900"))) {
            Api api = gatehouse.api();
            KeyRotator rotator = gatehouse.tokenKeys.orElseThrow().rotator().orElseThrow();
            Steps.register(api, ADA);
            String before = api.postJson("/api/v1/auth/login", ADA).json().path("access_token").asText();
            String oldKid = kid(before);
            assertThat(jwksKids(api)).as("the next key is published before it signs").hasSize(2).contains(oldKid);

            gatehouse.clock.advance(Duration.ofMinutes(61));
            rotator.rotateIfDue();
            String after = api.postJson("/api/v1/auth/login", ADA).json().path("access_token").asText();
            assertThat(kid(after)).isNotEqualTo(oldKid);
            assertThat(jwksKids(api)).contains(oldKid, kid(after));

            // A token signed just before the next rotation is still inside its lifetime right after it.
            gatehouse.clock.advance(Duration.ofMinutes(58));
            String lastOfTheKey = api.postJson("/api/v1/auth/login", ADA).json().path("access_token").asText();
            gatehouse.clock.advance(Duration.ofMinutes(3));
            rotator.rotateIfDue();
            assertThat(kid(api.postJson("/api/v1/auth/login", ADA).json().path("access_token").asText())).isNotEqualTo(kid(lastOfTheKey));
            assertThat(api.get("/api/v1/users/me", "Authorization", "Bearer " + lastOfTheKey).status())
                    .as("signed by the now retired key, still within its lifetime").isEqualTo(200);

            gatehouse.clock.advance(Duration.ofMinutes(30));
            rotator.rotateIfDue();
            assertThat(jwksKids(api)).as("the retired key leaves once its tokens have expired").doesNotContain(kid(lastOfTheKey), oldKid);
        }
    }

    private static String kid(String jwt) throws Exception {
        return Api.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0])).path("kid").asText();
    }

    private static java.util.List<String> jwksKids(Api api) {
        JsonNode keys = api.get("/.well-known/jwks.json").json().path("keys");
        return keys.findValuesAsText("kid");
    }
}
