package dev.gatehouse.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.authn.Introspector;
import dev.gatehouse.core.token.DataTokenService;
import dev.gatehouse.oidc.DynamicRegistration;
import dev.gatehouse.oidc.OpenIdProvider;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Puts the Gatehouse library on HTTP: builds the Javalin application (Jetty 12, virtual
 * threads) with every route, the problem+json error mapping and per-route statistics.
 */
public final class GatehouseHttp {
    /** How long a stopping server lets requests in flight finish. */
    public static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);

    /**
     * The most request-header bytes read before answering 431. nginx accepts an 8 KB request line
     * and 32 KB of headers, and copies them into its auth request with the target once more
     * ({@code X-Original-URI}); its {@code auth_request} turns a 431 into a 500, so every request
     * nginx lets through must fit here to be judged (and refused) by Gatehouse itself.
     */
    static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;

    /**
     * What the HTTP edge calls into.
     *
     * @param gatehouse the library: users, sessions, accounts, the authenticator, tokens, the login throttle
     * @param dataTokens the HS512 token service of {@code /tokens}
     * @param accessRules the rules {@code /auth/verify} applies, read on every request so that a reloaded file takes effect at once
     * @param openId the OpenID provider: its clients, managed through the admin API, and its endpoints
     */
    public record Services(Gatehouse gatehouse, DataTokenService dataTokens, Supplier<AccessRules> accessRules, OpenIdProvider openId) {
        /**
         * Checks that every service is present.
         *
         * @param gatehouse the library
         * @param dataTokens the HS512 token service of {@code /tokens}
         * @param accessRules the rules {@code /auth/verify} applies, read on every request
         * @param openId the OpenID provider
         * @throws NullPointerException when any of them is null
         */
        public Services {
            Objects.requireNonNull(gatehouse, "gatehouse");
            Objects.requireNonNull(dataTokens, "dataTokens");
            Objects.requireNonNull(accessRules, "accessRules");
            Objects.requireNonNull(openId, "openId");
        }
    }

    private GatehouseHttp() {
    }

    /**
     * Runs the web server's start-up code once and stops it again, on a server with no connector
     * and no routes: nothing listens, nothing is answered. Started beside the store's opening, it
     * initialises Jetty's and Javalin's classes and warms their start-up path on a core that would
     * otherwise wait, so that the real application, which needs the services first, then starts in
     * a fraction of the time.
     *
     * @throws IllegalStateException when the idle server would listen on a connector
     * @throws Exception when Jetty fails to start or stop the idle server
     */
    public static void warmUp() throws Exception {
        Javalin idle = Javalin.create(javalin -> {
            javalin.concurrency.useVirtualThreads = true;
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            // Javalin would otherwise log, seconds later, that this instance was never started.
            javalin.startup.startupWatcherEnabled = false;
            javalin.jsonMapper(new JavalinJackson(Json.newMapper(), true));
        });
        Server server = idle.jettyServer().server();
        if (server.getConnectors().length != 0) {
            throw new IllegalStateException("a warm-up server must not listen");
        }
        try {
            server.start();
        } finally {
            server.stop();
        }
    }

    /**
     * A configured, not yet started application; start it with {@code start(host, port)}.
     *
     * @param services the library's services the routes call
     * @param settings what the edge needs beyond them: credentials read, cookie, limits, public URL
     * @param statistics where each route's answers and latencies are counted
     * @return the application, not listening yet
     */
    public static Javalin create(Services services, HttpSettings settings, RouteStatistics statistics) {
        ObjectMapper mapper = Json.newMapper();
        Gatehouse gatehouse = services.gatehouse();
        Challenges challenges = new Challenges(settings.authMethods(), settings.sessionCookieName());
        CredentialReader credentials = new CredentialReader(settings.sessionCookieName(), challenges);
        ForwardAuthSettings forwardAuth = settings.forwardAuth();
        LoginAttempts logins = new LoginAttempts(gatehouse.users(), gatehouse.loginThrottle(), new ClientAddresses(forwardAuth.trustedProxies()),
                gatehouse.clock());
        HttpParts parts = new HttpParts(new RequestBodyReader(mapper, settings.maxBodyBytes()), credentials, challenges,
                new SessionCookies(settings.sessionCookieName(), settings.cookieSecure()),
                new Guard(gatehouse.authenticator(), credentials, challenges, logins), logins);
        ProblemWriter problems = new ProblemWriter(mapper);

        return Javalin.create(javalin -> {
            javalin.concurrency.useVirtualThreads = true;
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.http.prefer405over404 = true;
            javalin.jsonMapper(new JavalinJackson(mapper, true));
            javalin.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
            javalin.jetty.modifyServer(server -> {
                // Stop accepting, then let requests in flight finish before the store is closed.
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(GRACEFUL_STOP.toMillis());
                // Requests Jetty refuses before routing (bad URI, oversized headers) get problem+json as well.
                server.setErrorHandler(new ProtocolErrorHandler(mapper));
            });
            javalin.requestLogger.http((ctx, millis) -> statistics.record(RouteKeys.of(ctx), ctx.statusCode(), (long) (millis * 1000)));
            problems.register(javalin.routes);
            new CrossSiteRequests(settings.publicUrl(), forwardAuth.returnUrls()).register(javalin.routes);
            new RequestMethods(ForwardAuthRoutes.PATH).register(javalin.routes);
            javalin.routes.before(HttpParts.API + "/*", ctx -> {
                // Answers about who is signed in must never be cached by a browser or a proxy.
                ctx.header("Cache-Control", "no-store");
                ctx.header("X-Content-Type-Options", "nosniff");
            });
            new SystemRoutes(parts, gatehouse.users(), gatehouse.sessions(), statistics).register(javalin.routes);
            new UserRoutes(parts, gatehouse.users(), gatehouse.accounts(),
                    new Registrations(settings.registration(), parts.guard())).register(javalin.routes);
            new AuthRoutes(parts, gatehouse.sessions(), settings.authMethods(), gatehouse.tokens(), gatehouse.clock())
                    .register(javalin.routes);
            new SessionRoutes(parts, gatehouse.sessions(), gatehouse.tokens()).register(javalin.routes);
            new AdminClientRoutes(parts, services.openId().clients()).register(javalin.routes);
            new ForwardAuthRoutes(parts, services.accessRules(), forwardAuth.trustedProxies(), forwardAuth.returnUrls(),
                    forwardAuth.loginUrl(), forwardAuth.headerPrefix(), forwardAuth.proxy()).register(javalin.routes);
            new LoginPageRoutes(parts, gatehouse.sessions(), forwardAuth.returnUrls(), gatehouse.clock()).register(javalin.routes);
            new IntrospectionRoutes(parts, new Introspector(gatehouse.users(), gatehouse.sessions(), settings.authMethods(), gatehouse.tokens()),
                    settings.introspectionSecret()).register(javalin.routes);
            gatehouse.tokens().ifPresent(tokens -> {
                new TokenRoutes(parts, tokens).register(javalin.routes);
                new WellKnownRoutes(tokens, settings.publicUrl(), services.openId().endpoints().isPresent(),
                        services.openId().endpoints().isPresent() && settings.clientRegistration().isPresent()).register(javalin.routes);
            });
            new TokenServiceRoutes(parts, services.dataTokens()).register(javalin.routes);
            services.openId().endpoints().ifPresent(openId -> {
                OpenIdCors.register(javalin.routes);
                new OpenIdTokenRoutes(parts, openId.token(), settings.publicUrl()).register(javalin.routes);
                BrowserRequests browser = new BrowserRequests(parts, gatehouse.sessions(), gatehouse.users());
                new OpenIdAuthorizeRoutes(browser, openId.authorization(), openId.tickets()).register(javalin.routes);
                new OpenIdLogoutRoutes(parts, browser, openId.endSession(), openId.tickets(), gatehouse.sessions(),
                        gatehouse.tokens().orElseThrow()).register(javalin.routes);
                new OpenIdUserInfoRoutes(parts, gatehouse.tokens().orElseThrow().ownEndpointsBearer(), openId.userInfo()).register(javalin.routes);
                settings.clientRegistration().ifPresent(access -> new OpenIdRegistrationRoutes(parts, new DynamicRegistration(
                        services.openId().clients(), access, gatehouse.tokens().orElseThrow().openIdTokens().algorithm().jwsName()))
                        .register(javalin.routes));
            });
        });
    }
}
