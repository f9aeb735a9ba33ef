package dev.gatehouse.http;

import dev.gatehouse.core.user.User;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON API answers every request with the method it was sent with: no anonymous HEAD, OPTIONS
 * or other method reaches a protected route, and a method-override header is refused, never honoured.
 */
class RequestMethodsTest {
    private static final String API = HttpParts.API;
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO");
    private static final List<String> OVERRIDES = RequestMethods.OVERRIDE_HEADERS;

    private static List<String> protectedPaths(User someone) {
        return List.of(API + "/users", API + "/users/me", API + "/users/" + someone.id(), API + "/sessions",
                API + "/sessions/" + someone.id(), API + "/stats");
    }

    @Test
    void noAnonymousMethodReachesAProtectedRoute() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of())) {
            User root = gatehouse.users.ensureAdmin("root@example.com", "root password 1");
            Api api = gatehouse.api();
            for (String path : protectedPaths(root)) {
                for (String method : METHODS) {
                    Api.Reply reply = api.call(method, path).send();
                    // POST /users is registration; PUT or DELETE /users/me names no user id (404).
                    boolean registration = method.equals("POST") && path.equals(API + "/users");
                    assertThat(reply.status()).as(method + " " + path).isBetween(400, 499);
                    if (!registration) {
                        assertThat(reply.status()).as(method + " " + path).isIn(401, 404, 405);
                    }
                    if (!method.equals("HEAD")) {
                        assertThat(reply.header("Content-Type").orElseThrow()).as(method + " " + path).startsWith("application/problem+json");
                    }
                }
            }
            assertThat(api.call("HEAD", API + "/users/me").send().status()).as("HEAD once answered 200 here").isEqualTo(405);
            assertThat(gatehouse.users.find(root.id())).isPresent();
        }
    }

    @Test
    void aMethodOverrideHeaderIsRefusedAndNeverRunsAnotherMethod() {
        try (TestGatehouse gatehouse = TestGatehouse.inMemory(Map.of())) {
            User root = gatehouse.users.ensureAdmin("root@example.com", "root password 1");
            String cookie = "gatehouse_session=" + Steps.login(gatehouse.api(), Map.of("email", "root@example.com", "password", "root password 1"));
            Api api = gatehouse.api();
            for (String path : protectedPaths(root)) {
                for (String method : List.of("GET", "POST", "HEAD")) {
                    for (String header : OVERRIDES) {
                        for (String other : List.of("DELETE", "PUT", "GET")) {
                            Api.Reply reply = api.call(method, path).headers("Cookie", cookie, header, other).send();
                            String what = method + " " + path + " " + header + ": " + other;
                            assertThat(reply.status()).as(what).isEqualTo(400);
                            if (!method.equals("HEAD")) {
                                assertThat(reply.error()).as(what).isEqualTo("method_override");
                            }
                        }
                    }
                }
            }
            assertThat(gatehouse.users.find(root.id())).as("a GET with X-HTTP-Method-Override: DELETE deletes nobody").isPresent();
            assertThat(api.get(API + "/users/me", "Cookie", cookie).status()).isEqualTo(200);
            Api.Reply anonymous = api.call("GET", API + "/users/" + root.id()).headers("X-HTTP-Method-Override", "DELETE").send();
            assertThat(anonymous.status()).isEqualTo(400);
        }
    }
}
