package dev.gatehouse.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.http.Steps.API;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * State-changing requests a browser was made to send from another site are refused, by
 * {@code Sec-Fetch-Site}, {@code Origin} or, without Origin, {@code Referer}, on every route a
 * cookie or a cached Basic password authenticates; clients that send none of them pass.
 */
class CrossSiteRequestsTest {
    private static final String PUBLIC = "https://auth.example.com";
    private static final Map<String, String> ADA = Map.of("email", "ada@example.com", "password", "correct horse battery");
    private static final String PASSWORD = "correct horse battery";

    private TestGatehouse gatehouse;
    private Api api;
    private String adaId;

    @BeforeEach
    void start() {
        gatehouse = TestGatehouse.inMemory(Map.of("GATEHOUSE_PUBLIC_URL", PUBLIC, "GATEHOUSE_ALLOWED_REDIRECT_HOSTS", "app.example.com"));
        api = gatehouse.api();
        adaId = Steps.register(api, ADA);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            no header at all: a client that is not a browser | -                 | -                            | -           | 200
            Origin of the public URL                          | https://auth.example.com | -                     | -           | 200
            Origin of the public URL with its default port    | https://auth.example.com:443 | -                 | -           | 200
            Origin of a protected site (proxied /login)       | https://app.example.com | -                      | -           | 200
            Origin of another site                            | https://evil.example | -                         | -           | 403
            Origin of a look-alike of the public URL          | https://auth.example.com.evil.example | -        | -           | 403
            Origin of the public host on another scheme       | http://auth.example.com | -                      | -           | 403
            Origin of the public host on another port         | https://auth.example.com:8443 | -                | -           | 403
            Origin null (sandboxed frame, data: URL)          | null              | -                            | -           | 403
            Origin that is not an origin                      | https://auth.example.com/path | -                | -           | 403
            Origin of the public URL but Sec-Fetch-Site cross-site | https://auth.example.com | -               | cross-site  | 403
            Sec-Fetch-Site same-origin alone                  | -                 | -                            | same-origin | 200
            Sec-Fetch-Site cross-site alone                   | -                 | -                            | cross-site  | 403
            Referer on the public URL, no Origin              | -                 | https://auth.example.com/login?x=1 | -     | 200
            Referer on a protected site, no Origin            | -                 | https://app.example.com/private | -        | 200
            Referer on another site, no Origin                | -                 | https://evil.example/page    | -           | 403
            Referer that cannot be read, no Origin            | -                 | not a url                    | -           | 403
            Referer with user info, no Origin                 | -                 | https://auth.example.com@evil.example/ | - | 403
            Origin of the public URL wins over a foreign Referer | https://auth.example.com | https://evil.example/ | -         | 200
            """)
    void theJsonSignInIsJudgedByEachHeader(String name, String origin, String referer, String fetchSite, int status) {
        Api.Reply reply = api.call("POST", API + "/auth/login").headers(headers(origin, referer, fetchSite)).json(ADA).send();

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        if (status == 403) {
            assertThat(reply.json().path("error").asText()).isEqualTo("cross_site_request");
            assertThat(reply.cookie("gatehouse_session")).isEmpty();
        }
    }

    @Test
    void twoOriginHeadersAreRefusedRatherThanOneBelieved() {
        Api.Reply twice = api.sendRaw("POST " + API + "/auth/login HTTP/1.1\r\nContent-Type: application/json\r\nOrigin: " + PUBLIC
                + "\r\nOrigin: https://evil.example\r\nContent-Length: 2", "auth.example.com", "{}".getBytes());
        assertThat(twice.status()).isEqualTo(403);
    }

    @Test
    void theSignInFormFromAnotherSiteSignsNobodyIn() {
        Map<String, String> form = Map.of("login", "ada@example.com", "password", PASSWORD, "return_to", "/");

        Api.Reply refused = api.postForm("/login", form, "Origin", "https://evil.example");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.cookie("gatehouse_session")).isEmpty();

        Api.Reply fromTheProtectedSite = api.postForm("/login", form, "Origin", "https://app.example.com");
        assertThat(fromTheProtectedSite.status()).isEqualTo(303);
        assertThat(fromTheProtectedSite.cookie("gatehouse_session")).isPresent();
    }

    @Test
    void cookieAuthenticatedChangesFromAnotherSiteAreRefusedAndChangeNothing() {
        String[] cookie = Steps.cookie(Steps.login(api, ADA));
        String[] evil = {"Origin", "https://evil.example"};

        List<Api.Reply> refused = new ArrayList<>();
        refused.add(api.call("POST", API + "/auth/logout").headers(cookie).headers(evil).send());
        refused.add(api.call("DELETE", API + "/auth/logout").headers(cookie).headers(evil).send());
        refused.add(api.call("PUT", API + "/users/" + adaId).headers(cookie).headers(evil)
                .json(Map.of("current_password", PASSWORD, "new_password", "taken over by evil")).send());
        refused.add(api.call("DELETE", API + "/users/" + adaId).headers(cookie).headers(evil).send());
        refused.add(api.call("DELETE", API + "/sessions").headers(cookie).headers(evil).send());

        assertThat(refused).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertThat(reply.json().path("error").asText()).isEqualTo("cross_site_request");
        });
        assertThat(Steps.meStatus(api, cookie)).as("the session still stands").isEqualTo(200);
        assertThat(gatehouse.users.find(java.util.UUID.fromString(adaId))).isPresent();
        assertThat(Steps.login(api, ADA)).as("the password is unchanged").isNotEmpty();

        Api.Reply sameSite = api.call("POST", API + "/auth/logout").headers(cookie).headers("Origin", PUBLIC).send();
        assertThat(sameSite.status()).isEqualTo(204);
    }

    @Test
    void aBrowserCachedBasicPasswordIsNoWayAroundIt() {
        Api.Reply refused = api.call("DELETE", API + "/users/" + adaId)
                .headers("Authorization", Api.basic("ada@example.com", PASSWORD), "Referer", "https://evil.example/x").send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(gatehouse.users.find(java.util.UUID.fromString(adaId))).isPresent();
    }

    @Test
    void onTheDefaultPublicUrlAPageOnLocalhostOrTheLoopbackAddressMaySignIn() {
        try (TestGatehouse local = TestGatehouse.inMemory(Map.of())) {
            Steps.register(local.api(), ADA);
            for (String origin : List.of("http://127.0.0.1:" + local.port(), "http://localhost:" + local.port())) {
                assertThat(local.api().postJson(API + "/auth/login", ADA, "Origin", origin).status()).as(origin).isEqualTo(200);
            }
            assertThat(local.api().postJson(API + "/auth/login", ADA, "Origin", "http://localhost:1").status()).isEqualTo(403);
            assertThat(local.api().postJson(API + "/auth/login", ADA, "Origin", "https://evil.example").status()).isEqualTo(403);
        }
    }

    private static String[] headers(String origin, String referer, String fetchSite) {
        List<String> pairs = new ArrayList<>();
        if (origin != null) {
            pairs.addAll(List.of("Origin", origin));
        }
        if (referer != null) {
            pairs.addAll(List.of("Referer", referer));
        }
        if (fetchSite != null) {
            pairs.addAll(List.of("Sec-Fetch-Site", fetchSite));
        }
        return pairs.toArray(String[]::new);
    }
}
