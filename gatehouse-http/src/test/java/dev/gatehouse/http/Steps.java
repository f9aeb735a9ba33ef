package dev.gatehouse.http;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps many flows share: register, sign in, present a cookie. Each asserts it worked. */
final class Steps {
    static final String API = "/api/v1";
    static final String DEFAULT_COOKIE = "gatehouse_session";

    private Steps() {
    }

    /** Registers over JSON and returns the new user's id. */
    static String register(Api api, Map<String, String> fields) {
        Api.Reply created = api.postJson(API + "/users", fields);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    /** Signs in over JSON and returns the session cookie's value. */
    static String login(Api api, String cookieName, Map<String, String> fields, String... headers) {
        Api.Reply login = api.postJson(API + "/auth/login", fields, headers);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.cookie(cookieName).orElseThrow(() -> new AssertionError("no " + cookieName + " cookie in " + login.headers()));
    }

    static String login(Api api, Map<String, String> fields) {
        return login(api, DEFAULT_COOKIE, fields);
    }

    /** A {@code Cookie} header pair for {@link Api#get(String, String...)}. */
    static String[] cookie(String name, String value) {
        return new String[]{"Cookie", name + "=" + value};
    }

    static String[] cookie(String value) {
        return cookie(DEFAULT_COOKIE, value);
    }

    /** The status of {@code GET /users/me} with these headers. */
    static int meStatus(Api api, String... headers) {
        return api.get(API + "/users/me", headers).status();
    }
}
