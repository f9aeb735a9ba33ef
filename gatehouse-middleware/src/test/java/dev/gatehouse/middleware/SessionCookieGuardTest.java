package dev.gatehouse.middleware;

import dev.gatehouse.core.support.MutableClock;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.gatehouse.middleware.RunningGatehouse.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Javalin plugin accepting Gatehouse session cookies, checked through a running server's introspection. */
class SessionCookieGuardTest {
    private static RunningGatehouse gatehouse;
    private Javalin app;

    @BeforeAll
    static void startGatehouse() throws Exception {
        gatehouse = new RunningGatehouse();
    }

    @AfterAll
    static void stopGatehouse() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.stop();
        }
    }

    /** An app guarded by a guard whose session checks go to {@code sessions}; returns its port. */
    private int app(SessionIntrospection sessions) {
        GatehouseGuard guard = GatehouseGuard.builder(RunningGatehouse.ISSUER, gatehouse.jwks())
                .rules(RunningGatehouse.RULES).sessions(sessions).loginUrl("/login").build();
        app = Javalin.create(config -> {
            config.registerPlugin(new GatehouseJavalinPlugin(guard));
            config.routes.get("/public/hello", ctx -> ctx.result("hello " + GatehouseJavalin.identity(ctx).map(Identity::label).orElse("stranger")));
            config.routes.get("/me", ctx -> {
                Identity me = GatehouseJavalin.identity(ctx).orElseThrow();
                ctx.result(me.username().orElse("-") + " " + me.email().orElse("-") + " " + me.roles() + " " + me.claims().get("token_type"));
            });
            config.routes.get("/admin/panel", ctx -> ctx.result("admin panel"));
        }).start("127.0.0.1", 0);
        return app.port();
    }

    private static String[] cookie(String value) {
        return new String[]{"Cookie", GatehouseGuard.DEFAULT_SESSION_COOKIE + "=" + value};
    }

    @Test
    void aLiveSessionCookieReachesTheHandlerWithTheIdentity() throws Exception {
        SessionIntrospection sessions = SessionIntrospection.builder(gatehouse.introspection(), RunningGatehouse.INTROSPECTION_SECRET).build();
        int port = app(sessions);
        String cookie = gatehouse.adaLogin().sessionCookie();

        HttpResponse<String> me = get(port, "/me", cookie(cookie));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("ada ada@example.com [common] session");
        assertThat(get(port, "/public/hello", cookie(cookie)).body()).isEqualTo("hello ada");
        HttpResponse<String> admin = get(port, "/admin/panel", cookie(cookie));
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(admin.body()).doesNotContain("admin panel");
    }

    @Test
    void answersAreCachedBrieflyAndALogoutIsSeenOnceTheyGoStale() throws Exception {
        MutableClock clock = MutableClock.atFixedStart();
        SessionIntrospection sessions = SessionIntrospection.builder(gatehouse.introspection(), RunningGatehouse.INTROSPECTION_SECRET)
                .clock(clock).cacheTtl(Duration.ofSeconds(10)).build();
        int port = app(sessions);
        String cookie = gatehouse.adaLogin().sessionCookie();

        for (int i = 0; i < 5; i++) {
            assertThat(get(port, "/me", cookie(cookie)).statusCode()).isEqualTo(200);
        }
        assertThat(sessions.questions()).as("one question for five requests").isEqualTo(1);

        gatehouse.logout(cookie);
        clock.advance(Duration.ofSeconds(9));
        assertThat(get(port, "/me", cookie(cookie)).statusCode()).as("still within the cache time").isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> after = get(port, "/me", cookie(cookie));
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(sessions.questions()).isEqualTo(2);
        // The refusal is remembered too, as long.
        assertThat(get(port, "/me", cookie(cookie)).statusCode()).isEqualTo(401);
        assertThat(sessions.questions()).isEqualTo(2);
    }

    @Test
    void unknownCookiesAndRefreshTokensSignNobodyIn() throws Exception {
        SessionIntrospection sessions = SessionIntrospection.builder(gatehouse.introspection(), RunningGatehouse.INTROSPECTION_SECRET).build();
        int port = app(sessions);
        String refreshToken = gatehouse.adaLogin().refreshToken();
        assertThat(refreshToken).isNotEmpty();

        assertThat(get(port, "/me", cookie(refreshToken)).statusCode()).as("a refresh token is not a session").isEqualTo(401);
        assertThat(get(port, "/me", cookie("A".repeat(43))).statusCode()).isEqualTo(401);
        HttpResponse<String> browser = get(port, "/me", "Accept", "text/html", "Cookie", GatehouseGuard.DEFAULT_SESSION_COOKIE + "=nope");
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).hasValue("/login?return_to=%2Fme");
        assertThat(get(port, "/public/hello", cookie("nope")).body()).isEqualTo("hello stranger");
    }

    @Test
    void whenTheServerCannotBeAskedProtectedPathsAnswer503AndPublicOnesStayOpen() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SessionIntrospection sessions = SessionIntrospection.builder(URI.create("http://127.0.0.1:" + closedPort + "/api/v1/auth/introspect"),
                RunningGatehouse.INTROSPECTION_SECRET).timeout(Duration.ofSeconds(2)).build();
        int port = app(sessions);
        String cookie = gatehouse.adaLogin().sessionCookie();

        HttpResponse<String> refused = get(port, "/me", cookie(cookie));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"error\":\"auth_unavailable\"").doesNotContain(cookie);
        assertThat(get(port, "/public/hello", cookie(cookie)).body()).isEqualTo("hello stranger");
        assertThat(sessions.questions()).as("a failure is not cached: each request asks again").isEqualTo(2);
    }

    @Test
    void aWrongSecretFailsClosed() throws Exception {
        SessionIntrospection sessions = SessionIntrospection.builder(gatehouse.introspection(), "not-the-secret-of-this-server-at-all").build();
        int port = app(sessions);
        String cookie = gatehouse.adaLogin().sessionCookie();

        assertThat(get(port, "/me", cookie(cookie)).statusCode()).isEqualTo(503);
        assertThat(get(port, "/admin/panel", cookie(cookie)).statusCode()).isEqualTo(503);
    }

    @Test
    void aBearerTokenWinsOverTheCookie() throws Exception {
        SessionIntrospection sessions = SessionIntrospection.builder(gatehouse.introspection(), RunningGatehouse.INTROSPECTION_SECRET).build();
        int port = app(sessions);
        String cookie = gatehouse.adaLogin().sessionCookie();

        HttpResponse<String> response = get(port, "/me", "Authorization", "Bearer " + RunningGatehouse.tampered(gatehouse.adaToken()),
                "Cookie", GatehouseGuard.DEFAULT_SESSION_COOKIE + "=" + cookie);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer error=\"invalid_token\"");
        assertThat(sessions.questions()).isZero();
    }

    @Test
    void theBuilderRefusesBadSettings() {
        assertThatThrownBy(() -> SessionIntrospection.builder(URI.create("ftp://x/"), "s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionIntrospection.builder(gatehouse.introspection(), " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionIntrospection.builder(gatehouse.introspection(), "s").cacheTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SessionIntrospection.builder(gatehouse.introspection(), RunningGatehouse.INTROSPECTION_SECRET)
                .build().toString()).doesNotContain(RunningGatehouse.INTROSPECTION_SECRET);
    }
}
