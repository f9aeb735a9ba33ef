package dev.gatehouse.http;

import dev.gatehouse.core.access.AccessRule;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.access.PageRedirects;
import dev.gatehouse.core.access.PathPattern;
import dev.gatehouse.core.access.Policy;
import dev.gatehouse.core.user.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /auth/verify reads only the headers the configured proxy kind sets ({@code GATEHOUSE_FORWARD_AUTH_PROXY}),
 * and refuses repeated, conflicting and method-override headers: 403 to nginx (whose auth_request
 * turns a 400 into a 500), 400 to Traefik and Caddy.
 */
class ForwardedHeadersTest {
    private static final AccessRules RULES = new AccessRules(List.of(
            new AccessRule("public reads", Optional.empty(), new PathPattern.Prefix("/public"), Set.of("GET"), new Policy.Public(),
                    PageRedirects.none()),
            new AccessRule("admin", Optional.empty(), new PathPattern.Prefix("/admin"), Set.of(), new Policy.Roles(Set.of(Role.ADMIN)),
                    PageRedirects.none())),
            new Policy.Authenticated(), PageRedirects.none());
    private static final String NGINX = "X-Original-URI: %s\r\nX-Original-Method: %s";
    private static final String CADDY = "X-Forwarded-Uri: %s\r\nX-Forwarded-Method: %s\r\nX-Forwarded-Host: app.example.com\r\nX-Forwarded-Proto: https";

    private static TestGatehouse start(String proxy) {
        TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of("GATEHOUSE_FORWARD_AUTH_PROXY", proxy));
        gatehouse.accessRules = RULES;
        return gatehouse;
    }

    /** {@code GET /auth/verify} with the given header lines, as a proxy would send it (duplicates included). */
    private static Api.Reply verify(Api api, String headerLines) {
        return api.sendRaw("GET /auth/verify HTTP/1.1\r\nAccept: application/json\r\n" + headerLines, new byte[0]);
    }

    @Test
    void nginxRefusesRepeatedConflictingAndOverridingHeadersWith403() {
        try (TestGatehouse gatehouse = start("nginx")) {
            Api api = gatehouse.api();
            assertThat(verify(api, NGINX.formatted("/public/x", "GET")).status()).isEqualTo(200);
            List<String> hostile = List.of(
                    "X-Original-URI: /public/x\r\nX-Original-URI: /admin/x\r\nX-Original-Method: GET",
                    "X-Original-URI: /admin/x\r\nX-Original-URI: /public/x\r\nX-Original-Method: GET",
                    "X-Original-URI: /public/x\r\nX-Original-Method: GET\r\nX-Original-Method: DELETE",
                    NGINX.formatted("/public/x", "GET") + "\r\nX-Forwarded-Uri: /public/x",
                    NGINX.formatted("/public/x", "GET") + "\r\nX-Forwarded-Method: GET",
                    NGINX.formatted("/public/x", "GET") + "\r\nX-HTTP-Method-Override: DELETE",
                    NGINX.formatted("/public/x", "GET") + "\r\nX-HTTP-Method: DELETE",
                    NGINX.formatted("/public/x", "GET") + "\r\nX-Method-Override: DELETE",
                    NGINX.formatted("/public/x", "GET") + "\r\nX-Forwarded-Host: a.example\r\nX-Forwarded-Host: b.example",
                    "X-Original-URI: /public/x",
                    NGINX.formatted("/public/x", "GET POST"),
                    "X-Forwarded-Uri: /public/x\r\nX-Forwarded-Method: GET\r\nX-Forwarded-Host: h\r\nX-Forwarded-Proto: https");
            for (String headers : hostile) {
                Api.Reply reply = verify(api, headers);
                assertThat(reply.status()).as(headers).isEqualTo(403);
                assertThat(reply.error()).as(headers).isIn("bad_forwarded_request", "missing_original_uri");
                assertThat(reply.header("X-Auth-User")).isEmpty();
            }
        }
    }

    @Test
    void caddyAndTraefikReadOnlyTheirOwnHeadersAndAreRefusedWith400() {
        for (String proxy : List.of("caddy", "traefik")) {
            try (TestGatehouse gatehouse = start(proxy)) {
                Api api = gatehouse.api();
                Api.Reply stranger = verify(api, CADDY.formatted("/public/x", "GET"));
                assertThat(stranger.status()).as(proxy).isEqualTo(200);
                // Caddy before 2.10 would copy a missing header as its placeholder's text: it gets empty ones.
                assertThat(stranger.header("X-Auth-User")).as(proxy).isEqualTo(proxy.equals("caddy") ? Optional.of("") : Optional.empty());
                assertThat(stranger.header("X-Auth-Roles")).as(proxy).isEqualTo(proxy.equals("caddy") ? Optional.of("") : Optional.empty());
                assertThat(verify(api, CADDY.formatted("/admin/x", "GET")).status()).as(proxy).isEqualTo(401);
                List<String> hostile = List.of(
                        // the client's own X-Original-URI beside the proxy's headers: it once opened every protected path
                        CADDY.formatted("/admin/x", "GET") + "\r\nX-Original-URI: /public/x",
                        CADDY.formatted("/admin/x", "DELETE") + "\r\nX-Original-Method: GET",
                        CADDY.formatted("/public/x", "GET") + "\r\nX-Forwarded-Uri: /admin/x",
                        "X-Forwarded-Uri: /admin/x\r\n" + CADDY.formatted("/public/x", "GET"),
                        CADDY.formatted("/public/x", "GET") + "\r\nX-Forwarded-Method: DELETE",
                        CADDY.formatted("/public/x", "GET") + "\r\nX-HTTP-Method-Override: DELETE",
                        CADDY.formatted("/public/x", "GET") + "\r\nX-Method-Override: PUT",
                        "X-Forwarded-Uri: /public/x\r\nX-Forwarded-Host: app.example.com\r\nX-Forwarded-Proto: https",
                        "X-Forwarded-Uri: /public/x\r\nX-Forwarded-Method: GET\r\nX-Forwarded-Proto: https",
                        "X-Forwarded-Uri: /public/x\r\nX-Forwarded-Method: GET\r\nX-Forwarded-Host: app.example.com",
                        NGINX.formatted("/public/x", "GET"));
                for (String headers : hostile) {
                    Api.Reply reply = verify(api, headers);
                    assertThat(reply.status()).as(proxy + ": " + headers).isEqualTo(400);
                    assertThat(reply.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
                    assertThat(reply.error()).as(headers).isIn("bad_forwarded_request", "missing_original_uri");
                }
                Api.Reply dots = verify(api, CADDY.formatted("/admin/%2e%2e/public/x", "GET"));
                assertThat(dots.status()).isEqualTo(400);
                assertThat(dots.error()).isEqualTo("bad_path");
            }
        }
    }

    @Test
    void everyMethodIsJudgedByTheRulesAndAGetOnlyPublicRuleOpensNoOther() {
        try (TestGatehouse gatehouse = start("nginx")) {
            Api api = gatehouse.api();
            assertThat(verify(api, NGINX.formatted("/public/x", "GET")).status()).isEqualTo(200);
            assertThat(verify(api, NGINX.formatted("/public/x", "HEAD")).status()).as("HEAD runs the GET handler").isEqualTo(200);
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO")) {
                assertThat(verify(api, NGINX.formatted("/public/x", method)).status()).as(method).isEqualTo(401);
            }
            for (String method : List.of("GET", "HEAD", "POST", "DELETE", "OPTIONS")) {
                assertThat(verify(api, NGINX.formatted("/admin/x", method)).status()).as(method).isEqualTo(401);
            }
        }
    }
}
