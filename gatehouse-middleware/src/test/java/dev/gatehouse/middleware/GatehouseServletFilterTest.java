package dev.gatehouse.middleware;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;

import static dev.gatehouse.middleware.RunningGatehouse.get;
import static org.assertj.core.api.Assertions.assertThat;

class GatehouseServletFilterTest {
    private static RunningGatehouse gatehouse;
    private static Server jetty;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        gatehouse = new RunningGatehouse();
        GatehouseGuard guard = GatehouseGuard.builder(RunningGatehouse.ISSUER, gatehouse.jwks()).rules(RunningGatehouse.RULES)
                .sessions(SessionIntrospection.builder(gatehouse.introspection(), RunningGatehouse.INTROSPECTION_SECRET).build()).build();
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        // Under /broken a second filter asks a server that is not there.
        GatehouseGuard broken = GatehouseGuard.builder(RunningGatehouse.ISSUER, gatehouse.jwks()).rules(RunningGatehouse.RULES)
                .sessions(SessionIntrospection.builder(java.net.URI.create("http://127.0.0.1:" + deadPort + "/api/v1/auth/introspect"),
                        RunningGatehouse.INTROSPECTION_SECRET).build()).build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new GatehouseServletFilter(guard)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new GatehouseServletFilter(broken)), "/broken/*", EnumSet.of(DispatcherType.REQUEST));
        HttpServlet app = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain");
                resp.getWriter().write(req.getRequestURI() + " " + GatehouseServletFilter.identity(req)
                        .map(i -> i.username().orElse("-") + " " + i.roles()).orElse("stranger"));
            }

            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain");
                resp.getWriter().write(req.getMethod() + " body=" + new String(req.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        context.addServlet(new ServletHolder(app), "/*");
        // At /raw an app of its own that reads its form bodies itself and takes tokens from the query.
        GatehouseGuard raw = GatehouseGuard.builder(RunningGatehouse.ISSUER, gatehouse.jwks()).rules(RunningGatehouse.RULES)
                .formMethodOverrides(false).tokenGetter(TokenGetter.queryParam("access_token")).build();
        ServletContextHandler rawContext = new ServletContextHandler("/raw");
        rawContext.addFilter(new FilterHolder(new GatehouseServletFilter(raw)), "/*", EnumSet.of(DispatcherType.REQUEST));
        rawContext.addServlet(new ServletHolder(app), "/*");
        jetty.setHandler(new org.eclipse.jetty.server.handler.ContextHandlerCollection(context, rawContext));
        jetty.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Test
    void noTokenIsRefused() throws Exception {
        HttpResponse<String> response = get(port, "/me");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.body()).contains("\"status\":401");
        assertThat(get(port, "/public/page").body()).isEqualTo("/public/page stranger");
    }

    @Test
    void aValidTokenReachesTheServletWithTheIdentity() throws Exception {
        HttpResponse<String> response = get(port, "/me", "Authorization", "Bearer " + gatehouse.adaToken());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("/me ada [common]");
    }

    @Test
    void aSessionCookieIsCheckedThroughTheServer() throws Exception {
        String cookie = GatehouseGuard.DEFAULT_SESSION_COOKIE + "=" + gatehouse.adaLogin().sessionCookie();
        HttpResponse<String> response = get(port, "/me", "Cookie", cookie);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("/me ada [common]");
        assertThat(get(port, "/admin/panel", "Cookie", cookie).statusCode()).isEqualTo(403);
        assertThat(get(port, "/me", "Cookie", GatehouseGuard.DEFAULT_SESSION_COOKIE + "=unknown").statusCode()).isEqualTo(401);

        HttpResponse<String> unavailable = get(port, "/broken/page", "Cookie", cookie);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(unavailable.body()).contains("\"status\":503").doesNotContain("/broken/page ada");
    }

    @Test
    void aCredentialSentTwiceIsRefusedWhicheverCopyIsGood() throws Exception {
        String token = "Bearer " + gatehouse.adaToken();
        for (String[] headers : List.of(new String[] {"Authorization", token, "Authorization", "Bearer garbage"},
                new String[] {"Authorization", "Bearer garbage", "Authorization", token})) {
            HttpResponse<String> refused = get(port, "/me", headers);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).doesNotContain("ada");
            assertThat(get(port, "/public/hello", headers).statusCode()).as("refused before any rule").isEqualTo(401);
        }
        String session = GatehouseGuard.DEFAULT_SESSION_COOKIE + "=" + gatehouse.adaLogin().sessionCookie();
        String planted = GatehouseGuard.DEFAULT_SESSION_COOKIE + "=planted-by-a-sibling-site";
        assertThat(get(port, "/me", "Cookie", planted + "; " + session).statusCode()).isEqualTo(401);
        assertThat(get(port, "/me", "Cookie", session + "; " + planted).statusCode()).isEqualTo(401);
    }

    @Test
    void aCommonUserIsForbiddenOnAdminPaths() throws Exception {
        assertThat(get(port, "/admin/panel", "Authorization", "Bearer " + gatehouse.adaToken()).statusCode()).isEqualTo(403);
        assertThat(get(port, "/admin/panel", "Authorization", "Bearer " + gatehouse.adminToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheQueryIsReadForTokensAndOverridesSoAFormBodyStaysTheApps() throws Exception {
        String token = gatehouse.adaToken();
        HttpResponse<String> fromQuery = post("/raw/form?access_token=" + token, "a=1&_method=DELETE");
        assertThat(fromQuery.statusCode()).isEqualTo(200);
        assertThat(fromQuery.body()).as("the body unread, the override not applied").isEqualTo("POST body=a=1&_method=DELETE");

        HttpResponse<String> fromBody = post("/raw/form", "access_token=" + token);
        assertThat(fromBody.statusCode()).as("a token in a form body is not a query parameter").isEqualTo(401);
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        HttpResponse<String> response = get(port, "/me", "Authorization", "Bearer " + RunningGatehouse.tampered(gatehouse.adaToken()));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
    }

    @Test
    void theTokenGetterIsPluggable() throws Exception {
        RequestView view = new RequestView() {
            @Override
            public java.util.Optional<String> header(String name) {
                return name.equals("Authorization") ? java.util.Optional.of("bearer  abc ") : java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<String> cookie(String name) {
                return name.equals("at") ? java.util.Optional.of("c1") : java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<String> queryParam(String name) {
                return name.equals("access_token") ? java.util.Optional.of("q1") : java.util.Optional.empty();
            }
        };
        assertThat(TokenGetter.bearer().token(view)).hasValue("abc");
        assertThat(TokenGetter.header("Authorization", "Basic").token(view)).isEmpty();
        assertThat(TokenGetter.cookie("at").token(view)).hasValue("c1");
        assertThat(TokenGetter.queryParam("access_token").token(view)).hasValue("q1");
        assertThat(TokenGetter.cookie("none").or(TokenGetter.queryParam("access_token")).token(view)).hasValue("q1");
    }
}
