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

/** /auth/verify as nginx, Traefik and Caddy call it, and the /login page it sends browsers to. */
class ForwardAuthTest {
    private static final Map<String, String> ADA = Map.of("email", "ada@example.com", "password", "correct horse battery");
    private static final AccessRules RULES = new AccessRules(List.of(
            new AccessRule("public", Optional.empty(), new PathPattern.Prefix("/public"), Set.of(), new Policy.Public(), PageRedirects.none()),
            new AccessRule("admin", Optional.empty(), new PathPattern.Prefix("/admin"), Set.of(), new Policy.Roles(Set.of(Role.ADMIN)),
                    PageRedirects.none())),
            new Policy.Authenticated(), PageRedirects.none());
    private static final Map<String, String> SETTINGS = Map.of("GATEHOUSE_ALLOWED_REDIRECT_HOSTS", "app.example.com");
    private static final Map<String, String> TRAEFIK = Map.of("GATEHOUSE_ALLOWED_REDIRECT_HOSTS", "app.example.com",
            "GATEHOUSE_FORWARD_AUTH_PROXY", "traefik");

    private static TestGatehouse start(Map<String, String> settings) {
        TestGatehouse gatehouse = TestGatehouse.inMemory(settings);
        gatehouse.accessRules = RULES;
        return gatehouse;
    }

    private static Api.Reply nginx(Api api, String uri, String... headers) {
        return api.call("GET", "/auth/verify").headers("X-Original-URI", uri, "X-Original-Method", "GET", "X-Forwarded-Host", "app.example.com")
                .headers(headers).send();
    }

    private static Api.Reply traefik(Api api, String uri, String... headers) {
        return api.call("GET", "/auth/verify").headers("X-Forwarded-Uri", uri, "X-Forwarded-Method", "GET",
                "X-Forwarded-Host", "app.example.com", "X-Forwarded-Proto", "https").headers(headers).send();
    }

    @Test
    void anonymousCallersGet401ForApisAndTheLoginPageForBrowsers() {
        try (TestGatehouse gatehouse = start(SETTINGS)) {
            Api api = gatehouse.api();
            Api.Reply apiCall = nginx(api, "/orders", "Accept", "application/json");
            assertThat(apiCall.status()).isEqualTo(401);
            assertThat(apiCall.header("Cache-Control")).hasValue("no-store");

            Api.Reply nginxBrowser = nginx(api, "/orders?page=2", "Accept", "text/html");
            assertThat(nginxBrowser.status()).as("nginx passes only 2xx/401/403").isEqualTo(401);
            assertThat(nginxBrowser.header(ForwardAuthRoutes.REDIRECT_HEADER).orElseThrow())
                    .isEqualTo("/login?return_to=http%3A%2F%2Fapp.example.com%2Forders%3Fpage%3D2");

            assertThat(nginx(api, "/public/logo.png").status()).isEqualTo(200);
            assertThat(nginx(api, "/public/logo.png", "Cookie", "gatehouse_session=garbage").status())
                    .as("a stale cookie does not lock anyone out of public pages").isEqualTo(200);
        }
        try (TestGatehouse gatehouse = start(TRAEFIK)) {
            Api.Reply traefikBrowser = traefik(gatehouse.api(), "/orders", "Accept", "text/html,application/xhtml+xml");
            assertThat(traefikBrowser.status()).isEqualTo(302);
            assertThat(traefikBrowser.header("Location").orElseThrow()).isEqualTo("/login?return_to=https%3A%2F%2Fapp.example.com%2Forders");
        }
    }

    @Test
    void signedInCallersAreNamedForTheUpstreamAndRolesAreEnforced() {
        try (TestGatehouse gatehouse = start(SETTINGS)) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            String cookie = "gatehouse_session=" + Steps.login(api, ADA);
            Api.Reply allowed = nginx(api, "/orders", "Cookie", cookie);
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.header("X-Auth-User")).hasValue("ada@example.com");
            assertThat(allowed.header("X-Auth-Email")).hasValue("ada@example.com");
            assertThat(allowed.header("X-Auth-Roles")).hasValue("common");
            assertThat(allowed.header("X-Auth-User-Id")).isPresent();

            assertThat(nginx(api, "/admin/settings", "Cookie", cookie).status()).isEqualTo(403);
            assertThat(nginx(api, "/ADMIN/%73ettings/", "Cookie", cookie).status()).as("no way round a rule").isEqualTo(403);
            Api.Reply dots = nginx(api, "/admin/%2e%2e/public/x", "Cookie", cookie);
            assertThat(dots.status()).as("an ambiguous path is refused, to nginx with 403").isEqualTo(403);
            assertThat(dots.error()).isEqualTo("bad_path");
            assertThat(nginx(api, "/public/%2fadmin").error()).isEqualTo("bad_path");

            gatehouse.users.ensureAdmin("root@example.com", "root password 1");
            String root = "gatehouse_session=" + Steps.login(api, Map.of("email", "root@example.com", "password", "root password 1"));
            assertThat(nginx(api, "/admin/settings", "Cookie", root).status()).isEqualTo(200);
        }
    }

    @Test
    void onlyTrustedProxiesAreBelievedAndTheOriginalUriIsRequired() {
        try (TestGatehouse gatehouse = start(Map.of("GATEHOUSE_TRUSTED_PROXIES", "10.0.0.0/8"))) {
            Api.Reply untrusted = nginx(gatehouse.api(), "/public/logo.png");
            assertThat(untrusted.status()).isEqualTo(403);
            assertThat(untrusted.error()).isEqualTo("untrusted_proxy");
        }
        try (TestGatehouse gatehouse = start(SETTINGS)) {
            Api.Reply missing = gatehouse.api().get("/auth/verify");
            assertThat(missing.status()).isEqualTo(403);
            assertThat(missing.error()).isEqualTo("missing_original_uri");
        }
    }

    @Test
    void theLoginPageSignsInAndReturnsOnlyToAllowedPlaces() {
        try (TestGatehouse gatehouse = start(SETTINGS)) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            Api.Reply page = api.get("/login?return_to=https%3A%2F%2Fapp.example.com%2Forders");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).contains("<form method=\"post\" action=\"/login\"", "value=\"https://app.example.com/orders\"");

            Api.Reply wrong = api.postForm("/login", Map.of("login", "ada@example.com", "password", "wrong password", "return_to", "/orders"));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.body()).contains("wrong");

            Api.Reply signedIn = api.postForm("/login", Map.of("login", "ada@example.com", "password", "correct horse battery",
                    "return_to", "https://app.example.com/orders"));
            assertThat(signedIn.status()).isEqualTo(303);
            assertThat(signedIn.header("Location")).hasValue("https://app.example.com/orders");
            assertThat(signedIn.cookie("gatehouse_session")).isPresent();

            Api.Reply evil = api.postForm("/login", Map.of("login", "ada@example.com", "password", "correct horse battery",
                    "return_to", "https://evil.example.net/phish"));
            assertThat(evil.header("Location")).as("no open redirect").hasValue("/");

            Api.Reply xss = api.get("/login?return_to=%2F%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");
            assertThat(xss.body()).doesNotContain("<script>alert(1)</script>");
        }
    }

    @Test
    void signInsSubmittedFromAnotherSiteAreRefused() {
        try (TestGatehouse gatehouse = start(SETTINGS)) {
            Api api = gatehouse.api();
            Steps.register(api, ADA);
            Map<String, String> form = Map.of("login", "ada@example.com", "password", "correct horse battery");

            for (String path : new String[]{"/login", Steps.API + "/auth/login"}) {
                Api.Reply crossSite = api.postForm(path, form, "Sec-Fetch-Site", "cross-site");
                assertThat(crossSite.status()).as(path).isEqualTo(403);
                assertThat(crossSite.error()).isEqualTo("cross_site_request");
                assertThat(crossSite.cookie("gatehouse_session")).as("no session for a forged sign-in").isEmpty();

                assertThat(api.postForm(path, form, "Sec-Fetch-Site", "same-origin").cookie("gatehouse_session")).as(path).isPresent();
                assertThat(api.postForm(path, form, "Sec-Fetch-Site", "same-site").cookie("gatehouse_session")).as("a sibling subdomain").isPresent();
                assertThat(api.postForm(path, form).cookie("gatehouse_session")).as("not a browser").isPresent();
            }
        }
    }
}
