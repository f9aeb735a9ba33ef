package dev.gatehouse.http;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeFlowTest {
    @Test
    void registerLoginMeLogout() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of())) {
            Api api = gatehouse.api();
            assertThat(api.get("/api/v1/status").json().path("status").asText()).isEqualTo("OK");
            Api.Reply created = api.postJson("/api/v1/users", Map.of("email", "Bob@Example.com", "password", "correct horse"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("email").asText()).isEqualTo("bob@example.com");
            assertThat(created.body()).doesNotContain("argon2").doesNotContain("correct horse");

            Api.Reply login = api.postJson("/api/v1/auth/login", Map.of("email", "bob@example.com", "password", "correct horse"));
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            String cookie = login.cookie("gatehouse_session").orElseThrow();
            assertThat(login.setCookie("gatehouse_session").orElseThrow()).contains("HttpOnly", "SameSite=Lax", "Path=/");

            Api.Reply me = api.get("/api/v1/users/me", "Cookie", "gatehouse_session=" + cookie);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().path("id").asText()).isEqualTo(created.json().path("id").asText());

            assertThat(api.call("DELETE", "/api/v1/auth/logout").headers("Cookie", "gatehouse_session=" + cookie).send().status()).isEqualTo(204);
            Api.Reply after = api.get("/api/v1/users/me", "Cookie", "gatehouse_session=" + cookie);
            assertThat(after.status()).isEqualTo(401);
            assertThat(after.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(after.error()).isEqualTo("invalid_session");
            assertThat(after.header("WWW-Authenticate")).isPresent();

            Api.Reply basic = api.get("/api/v1/users/me", "Authorization", Api.basic("bob@example.com", "correct horse"));
            assertThat(basic.status()).isEqualTo(200);
            Api.Reply missing = api.get("/api/v1/nothing-here");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.error()).isEqualTo("not_found");
            Api.Reply wrongMethod = api.call("PATCH", "/api/v1/status").send();
            assertThat(wrongMethod.status()).as(wrongMethod.body()).isEqualTo(405);
            assertThat(wrongMethod.error()).isEqualTo("method_not_allowed");
        }
    }
}
