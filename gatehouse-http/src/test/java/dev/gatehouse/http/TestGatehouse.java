package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.authn.TokenAuthority;
import dev.gatehouse.core.keys.TokenKeys;
import dev.gatehouse.core.memory.InMemoryAuthorizationCodeStore;
import dev.gatehouse.core.memory.InMemoryBackend;
import dev.gatehouse.core.memory.InMemoryClientStore;
import dev.gatehouse.core.memory.InMemoryConsentStore;
import dev.gatehouse.core.memory.InMemoryKeyStore;
import dev.gatehouse.core.memory.InMemoryRateLimitStore;
import dev.gatehouse.core.memory.InMemoryRefreshTokenStore;
import dev.gatehouse.core.memory.InMemoryRevocationStore;
import dev.gatehouse.core.memory.InMemorySecondFactorStore;
import dev.gatehouse.core.memory.InMemoryServerSecretStore;
import dev.gatehouse.core.memory.InMemorySessionClientStore;
import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.memory.InMemoryUsedAssertionStore;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.password.Argon2Parameters;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.secrets.ServerSecrets;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.spi.LocalEventFeed;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.spi.UserStore;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.token.DataTokenService;
import dev.gatehouse.core.user.UserService;
import dev.gatehouse.oidc.ClientRegistry;
import dev.gatehouse.oidc.InteractionTickets;
import dev.gatehouse.oidc.OpenIdProvider;
import io.javalin.Javalin;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A real Gatehouse HTTP server on a free loopback port, over given stores and a fake clock.
 * Passwords are hashed with the real Argon2id at OWASP's parameters.
 */
final class TestGatehouse implements AutoCloseable {
    final MutableClock clock = MutableClock.atFixedStart();
    final TestSettings config;
    final UserService users;
    final SessionService sessions;
    final DataTokenService dataTokens;
    /** Kept across a restart on the same stores, like a database would keep them. */
    final InMemoryKeyStore keyStore;
    final InMemoryRefreshTokenStore refreshTokens;
    final InMemoryRevocationStore revocations;
    final Optional<TokenAuthority> tokens;
    /** The keys behind the tokens: a test rotates them with {@code tokenKeys.get().rotator()}. */
    final Optional<TokenKeys> tokenKeys;
    /** The registered OpenID clients: a test registers its clients here, as the CLI would. */
    final ClientRegistry clients;
    /** The OpenID provider the server serves, its background work (back-channel logout) run by the tests themselves. */
    final OpenIdProvider openId;
    /** The client assertions already used; a test purges it as the server's upkeep would. */
    final InMemoryUsedAssertionStore usedAssertions = new InMemoryUsedAssertionStore();
    static final String ISSUER = TestSettings.ISSUER;
    /** The rules /auth/verify applies; a test sets them directly (the server reads a YAML file). */
    volatile AccessRules accessRules = AccessRules.authenticatedByDefault();
    final RouteStatistics statistics = new RouteStatistics();
    /** The login throttle's counters. */
    final InMemoryRateLimitStore rateLimits = new InMemoryRateLimitStore();
    private final Javalin app;
    private final Api api;

    private TestGatehouse(TestSettings config, UserStore userStore, SessionStore sessionStore) {
        this(config, userStore, sessionStore, new InMemoryKeyStore(), new InMemoryRefreshTokenStore(), new InMemoryRevocationStore());
    }

    private TestGatehouse(TestSettings config, UserStore userStore, SessionStore sessionStore, InMemoryKeyStore keyStore,
                          InMemoryRefreshTokenStore refreshTokens, InMemoryRevocationStore revocations) {
        this.config = config;
        this.keyStore = keyStore;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        HttpSettings http = config.http();
        InMemoryBackend stores = new InMemoryBackend(userStore, sessionStore, refreshTokens, revocations, keyStore,
                new InMemoryServerSecretStore(), rateLimits, new LocalEventFeed(), new InMemoryClientStore(), new InMemoryAuthorizationCodeStore(),
                new InMemoryConsentStore(), new InMemorySessionClientStore(),
                usedAssertions, new InMemorySecondFactorStore());
        Gatehouse.Builder builder = Gatehouse.builder(stores).clock(clock)
                .passwordHasher(new PasswordHasher(Argon2Parameters.OWASP, 2, Duration.ofSeconds(10)))
                .sessionPolicy(config.sessions()).authMethods(http.authMethods()).loginLimits(config.loginLimits());
        if (http.allows(AuthMethod.BEARER)) {
            builder.tokens(config.keys(), config.accessTokens(), config.refreshTtl());
        }
        Gatehouse gatehouse = builder.build();
        users = gatehouse.users();
        sessions = gatehouse.sessions();
        tokens = gatehouse.tokens();
        tokenKeys = gatehouse.tokenKeys();
        byte[] tokenSecret = config.tokenServiceSecret().map(secret -> secret.value().getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> new ServerSecrets(stores.serverSecrets()).getOrCreate(DataTokenService.SECRET_NAME, DataTokenService.SECRET_BYTES));
        dataTokens = new DataTokenService(tokenSecret, clock);
        openId = OpenIdProvider.create(gatehouse, stores,
                new ServerSecrets(stores.serverSecrets()).getOrCreate(InteractionTickets.SECRET_NAME, InteractionTickets.SECRET_BYTES));
        clients = openId.clients();
        app = GatehouseHttp.create(new GatehouseHttp.Services(gatehouse, dataTokens, () -> accessRules, openId), http, statistics);
        app.start("127.0.0.1", 0);
        // A stop waits for idle keep-alive connections to close (a second by default); tests need not.
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector c) {
                c.setShutdownIdleTimeout(1);
            }
        }
        api = new Api("http://127.0.0.1:" + app.port());
    }

    /**
     * What tests run with unless they say otherwise: open registration, so that a test makes its
     * users with {@code POST /api/v1/users} as a client would. {@link #asShipped} leaves it out.
     */
    static final Map<String, String> TEST_DEFAULTS = Map.of("GATEHOUSE_REGISTRATION", "open");

    /** In-memory stores; {@code settings} are environment-style names, e.g. {@code SESSION_NAME}, over {@link #TEST_DEFAULTS}. */
    static TestGatehouse inMemory(Map<String, String> settings) {
        return new TestGatehouse(config(withTestDefaults(settings)), new InMemoryUserStore(), new InMemorySessionStore());
    }

    /** In-memory stores and exactly {@code settings}: every other setting at the default a real server has. */
    static TestGatehouse asShipped(Map<String, String> settings) {
        return new TestGatehouse(config(settings), new InMemoryUserStore(), new InMemorySessionStore());
    }

    static TestGatehouse on(Map<String, String> settings, UserStore userStore, SessionStore sessionStore) {
        return new TestGatehouse(config(withTestDefaults(settings)), userStore, sessionStore);
    }

    private static Map<String, String> withTestDefaults(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(TEST_DEFAULTS);
        all.putAll(settings);
        return all;
    }

    private static TestSettings config(Map<String, String> settings) {
        return TestSettings.read(settings);
    }

    /** The client of this server; it is closed with the server. */
    Api api() {
        return api;
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        api.close();
        app.stop();
    }
}
