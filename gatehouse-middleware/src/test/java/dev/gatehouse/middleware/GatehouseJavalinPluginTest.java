package dev.gatehouse.middleware;

import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static dev.gatehouse.middleware.RunningGatehouse.get;
import static org.assertj.core.api.Assertions.assertThat;

class GatehouseJavalinPluginTest {
    private static RunningGatehouse gatehouse;
    private static Javalin app;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        gatehouse = new RunningGatehouse();
        GatehouseGuard guard = GatehouseGuard.builder(RunningGatehouse.ISSUER, gatehouse.jwks())
                .rules(RunningGatehouse.RULES).loginUrl("/login").build();
        app = Javalin.create(config -> {
            config.registerPlugin(new GatehouseJavalinPlugin(guard));
            config.routes.get("/public/hello", ctx -> ctx.result("hello " + GatehouseJavalin.identity(ctx).map(Identity::label).orElse("stranger")));
            config.routes.get("/me", ctx -> {
                Identity me = GatehouseJavalin.identity(ctx).orElseThrow();
                ctx.result(me.id() + " " + me.username().orElse("-") + " " + me.roles());
            });
            config.routes.get("/admin/panel", ctx -> ctx.result("admin panel"));
        }).start("127.0.0.1", 0);
        port = app.port();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Test
    void noTokenIsRefusedWithABearerChallenge() throws Exception {
        HttpResponse<String> response = get(port, "/me");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).isEqualTo("{\"type\":\"urn:gatehouse:problem:unauthenticated\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"authentication is required\",\"error\":\"unauthenticated\"}");
    }

    @Test
    void publicPathsOpenWithoutAToken() throws Exception {
        HttpResponse<String> response = get(port, "/public/hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello stranger");
    }

    @Test
    void aValidBearerTokenReachesTheHandlerWithTheIdentity() throws Exception {
        HttpResponse<String> response = get(port, "/me", "Authorization", "Bearer " + gatehouse.adaToken());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).matches("[0-9a-f-]{36} ada \\[common]");
        assertThat(get(port, "/public/hello", "Authorization", "Bearer " + gatehouse.adaToken()).body()).isEqualTo("hello ada");
    }

    @Test
    void aCommonUserIsForbiddenOnAdminPathsAndAnAdminIsNot() throws Exception {
        HttpResponse<String> refused = get(port, "/admin/panel", "Authorization", "Bearer " + gatehouse.adaToken());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("admin panel");
        HttpResponse<String> allowed = get(port, "/admin/panel", "Authorization", "Bearer " + gatehouse.adminToken());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("admin panel");
    }

    @Test
    void twoAuthorizationHeadersAreRefusedWhicheverComesFirst() throws Exception {
        String token = "Bearer " + gatehouse.adaToken();
        assertThat(get(port, "/me", "Authorization", token, "Authorization", "Bearer garbage").statusCode()).isEqualTo(401);
        assertThat(get(port, "/me", "Authorization", "Bearer garbage", "Authorization", token).statusCode()).isEqualTo(401);
        assertThat(get(port, "/me", "Authorization", token).statusCode()).isEqualTo(200);
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        HttpResponse<String> response = get(port, "/me", "Authorization", "Bearer " + RunningGatehouse.tampered(gatehouse.adaToken()));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer error=\"invalid_token\"");
        // A public page still opens, as to a stranger.
        assertThat(get(port, "/public/hello", "Authorization", "Bearer " + RunningGatehouse.tampered(gatehouse.adaToken())).body())
                .isEqualTo("hello stranger");
    }

    @Test
    void aSignedOutBrowserIsSentToTheLoginPage() throws Exception {
        HttpResponse<String> response = get(port, "/unknown/page?x=1", "Accept", "text/html");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/login?return_to=%2Funknown%2Fpage%3Fx%3D1");
    }

    /** Dot segments, {@code ;} and {@code //} are refused, never resolved to the public path they spell. */
    @ParameterizedTest
    @ValueSource(strings = {"/public/..%2fadmin/panel", "/admin/../public/hello", "/admin/%2e%2e/public/hello", "/admin/%2E%2E/public/hello",
            "/admin/.%2e/public/hello", "/admin/..;/public/hello", "/admin/panel;x=1", "/admin/./../public/hello", "//admin/panel",
            "/admin%2fpanel", "/admin%5cpanel"})
    void aPathThatCannotBeReadUnambiguouslyIsRefused(String path) throws Exception {
        HttpResponse<String> response = get(port, path, "Authorization", "Bearer " + gatehouse.adaToken());
        assertThat(response.statusCode()).as(path).isIn(400, 403, 404);
        assertThat(response.body()).doesNotContain("admin panel").doesNotContain("hello ada");
    }

    @Test
    void aBadPathIsAProblemForAnApiClientAndAPageForABrowser() throws Exception {
        HttpResponse<String> api = get(port, "/admin/../public/hello", "Accept", "application/json");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.body()).contains("\"error\":\"bad_path\"").contains("'..' segment");
        HttpResponse<String> browser = get(port, "/admin/../public/hello", "Accept", "text/html,application/xhtml+xml");
        assertThat(browser.statusCode()).isEqualTo(400);
        assertThat(browser.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(browser.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(browser.body()).contains("<h1>Bad Request</h1>").contains("&#39;..&#39; segment");
    }
}
