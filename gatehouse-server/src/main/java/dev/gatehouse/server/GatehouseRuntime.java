package dev.gatehouse.server;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.keys.KeyRotator;
import dev.gatehouse.core.keys.NewRingKeys;
import dev.gatehouse.core.keys.TokenKeys;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.secrets.ServerSecrets;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.spi.StoreEvent;
import dev.gatehouse.core.spi.StoreUnavailableException;
import dev.gatehouse.core.token.DataTokenService;
import dev.gatehouse.core.user.UserService;
import dev.gatehouse.http.GatehouseHttp;
import dev.gatehouse.oidc.ClientRegistry;
import dev.gatehouse.oidc.InteractionTickets;
import dev.gatehouse.oidc.OpenIdProvider;
import dev.gatehouse.rules.RulesReloader;
import dev.gatehouse.server.boot.StartupTask;
import dev.gatehouse.server.config.GatehouseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The library's services wired by hand for one configuration: what the server and the CLI both use. */
final class GatehouseRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatehouseRuntime.class);
    /** How long an expired authorization code is kept, to recognise its reuse. */
    static final Duration CODE_REUSE_MEMORY = Duration.ofHours(1);
    private final Stores stores;
    private final GatehouseHttp.Services services;
    private final Optional<TokenKeys> tokenKeys;
    private final Optional<RulesReloader> rules;
    private final StartupTask<Void> alongside;

    private GatehouseRuntime(Stores stores, GatehouseHttp.Services services, Optional<TokenKeys> tokenKeys, Optional<RulesReloader> rules,
                             StartupTask<Void> alongside) {
        this.stores = stores;
        this.services = services;
        this.tokenKeys = tokenKeys;
        this.rules = rules;
        this.alongside = alongside;
    }

    /** Opens the runtime for a command that works on the store; nothing runs alongside. */
    static GatehouseRuntime open(GatehouseConfig config, Clock clock) {
        return open(config, clock, users -> { });
    }

    /**
     * Opens the runtime, running {@code alongside} (the server's admin account) on a thread of its
     * own as soon as the users can be served, while the signing keys are read or made; whoever
     * depends on it waits in {@link #awaitAlongside}.
     *
     * <p>Start-up is a chain of slow steps on a fresh database: migrating the schema, loading
     * libargon2 and spending the dummy hash, generating the first signing key (slow for RSA while
     * the JIT is cold), hashing the admin's password. Those that need nothing of
     * each other overlap. On a SQLite file that does not exist yet the first ring's keys need not
     * wait for the store to say it holds none: they are made while the schema is created.
     */
    static GatehouseRuntime open(GatehouseConfig config, Clock clock, Consumer<UserService> alongside) {
        // Read before the store opens: a bad rules file stops the start with its problems named, and nothing to close.
        Optional<RulesReloader> rules = config.rules().map(RulesReloader::open);
        // Needs no store: the library loads and the dummy hash is spent while the schema migrates.
        StartupTask<PasswordHasher> hasher = StartupTask.start("gatehouse-start-hasher",
                () -> PasswordHasher.withDefaults(config.hashConcurrency()));
        Optional<NewRingKeys> keysAhead = Optional.empty();
        Stores stores;
        try {
            if (config.allows(AuthMethod.BEARER) && Stores.holdNothingYet(config)) {
                // A first start: no signing keys can be stored yet, so the ring's are made while the schema is created.
                keysAhead = TokenKeys.startAhead(config.tokens().keySource(), config.tokens().accessTtl());
            }
            stores = Stores.open(config, clock);
        } catch (RuntimeException e) {
            hasher.awaitQuietly();
            throw e;
        }
        Optional<NewRingKeys> newRingKeys = keysAhead;
        StartupTask<Optional<TokenKeys>> keys = StartupTask.done(Optional.empty());
        StartupTask<Void> besideKeys = StartupTask.done(null);
        try {
            keys = config.allows(AuthMethod.BEARER)
                    ? StartupTask.start("gatehouse-start-keys", () -> Optional.of(TokenKeys.open(config.tokens().keySource(), config.tokens().accessTtl(), stores.keys(), clock, newRingKeys)))
                    : keys;
            PasswordHasher passwords = hasher.join();
            // The admin's password is hashed while the keys are read or made; the library is assembled once they are.
            UserService adminUsers = new UserService(stores.users(), passwords, clock);
            besideKeys = StartupTask.start("gatehouse-start-admin", () -> {
                alongside.accept(adminUsers);
                return null;
            });
            DataTokenService dataTokens = new DataTokenService(tokenServiceSecret(config, stores), clock);
            Optional<TokenKeys> tokenKeys = keys.join();
            // Another instance rotated (or the feed was cut and may have missed it): read the ring again.
            tokenKeys.flatMap(TokenKeys::rotator).ifPresent(rotator -> stores.events().subscribe(event -> {
                if (event instanceof StoreEvent.KeysChanged || event instanceof StoreEvent.Resync) {
                    refreshKeys(rotator);
                }
            }));
            Gatehouse.Builder builder = Gatehouse.builder(stores).clock(clock).passwordHasher(passwords)
                    .sessionPolicy(new SessionPolicy(config.sessionDuration(), config.sessionIdleTimeout()))
                    .authMethods(config.authMethods())
                    .loginLimits(config.loginLimits());
            tokenKeys.ifPresent(k -> builder.tokens(k, config.tokens().accessTokenSettings(ownUrl(config)), config.tokens().refreshTtl()));
            Gatehouse gatehouse = builder.build();
            return new GatehouseRuntime(stores,
                    new GatehouseHttp.Services(gatehouse, dataTokens, rulesInForce(rules), OpenIdProvider.create(gatehouse, stores,
                            new ServerSecrets(stores.serverSecrets()).getOrCreate(InteractionTickets.SECRET_NAME, InteractionTickets.SECRET_BYTES))),
                    tokenKeys, rules, besideKeys);
        } catch (RuntimeException e) {
            // Nothing may still use the store when it closes.
            hasher.awaitQuietly();
            keys.awaitQuietly();
            besideKeys.awaitQuietly();
            closeQuietly(stores);
            throw e;
        }
    }

    /** Waits for the work given to {@link #open} to run alongside, and throws what it threw. */
    void awaitAlongside() {
        alongside.join();
    }

    private static void refreshKeys(KeyRotator rotator) {
        try {
            rotator.refresh();
        } catch (StoreUnavailableException e) {
            // The store is unreachable for now (it says so itself, once); the minute's upkeep reads the ring again.
            LOG.warn("reading the key ring after a change announced by another instance failed: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("reading the key ring after a change announced by another instance failed", e);
        }
    }

    /**
     * The token service's HS512 key: {@code TOKEN_SERVICE_SECRET} when set, else the random one
     * made at first start and kept in the store, so that tokens keep verifying across restarts
     * (with SQLite) and every instance on one database signs alike.
     */
    private static byte[] tokenServiceSecret(GatehouseConfig config, Stores stores) {
        return config.tokenServiceSecret().map(secret -> secret.value().getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> new ServerSecrets(stores.serverSecrets()).getOrCreate(DataTokenService.SECRET_NAME, DataTokenService.SECRET_BYTES));
    }

    /** The default issuer: the public URL ({@code GATEHOUSE_PUBLIC_URL}, by default the address the server listens on). */
    private static String ownUrl(GatehouseConfig config) {
        return config.publicUrl().origin();
    }

    /** Present when tokens are on; its rotator, when keys are generated, is due to be called on a schedule. */
    Optional<TokenKeys> tokenKeys() {
        return tokenKeys;
    }

    /**
     * Deletes expired refresh tokens, revocations, rate-limit counts, authorization codes and
     * used client assertions;
     * sessions are purged by their own service.
     */
    int purgeExpiredTokens() {
        int purged = stores.revocations().deleteExpired(gatehouse().clock().instant());
        purged += stores.rateLimits().deleteExpired(gatehouse().clock().instant());
        // A code is kept this long past its expiry so that a late second exchange is still seen as reuse.
        purged += stores.authorizationCodes().deleteExpired(gatehouse().clock().instant().minus(CODE_REUSE_MEMORY));
        purged += stores.usedAssertions().deleteExpired(gatehouse().clock().instant());
        return purged + stores.refreshTokens().deleteExpired(gatehouse().clock().instant());
    }

    /**
     * The access rules in force, read on each call: the rules file's latest good rules when
     * {@code GATEHOUSE_RULES} is set, else {@link AccessRules#authenticatedByDefault()}.
     */
    Supplier<AccessRules> accessRules() {
        return rulesInForce(rules);
    }

    private static Supplier<AccessRules> rulesInForce(Optional<RulesReloader> rules) {
        if (rules.isPresent()) {
            RulesReloader reloader = rules.get();
            return reloader::current;
        }
        AccessRules fallback = AccessRules.authenticatedByDefault();
        return () -> fallback;
    }

    /** Present when {@code GATEHOUSE_RULES} is set; its {@code reloadIfChanged} is due to be called on a schedule. */
    Optional<RulesReloader> rulesReloader() {
        return rules;
    }

    GatehouseHttp.Services services() {
        return services;
    }

    /** The library, for commands that work on users and sessions. */
    Gatehouse gatehouse() {
        return services.gatehouse();
    }

    /** The registered clients, for {@code gatehouse clients}. */
    ClientRegistry clients() {
        return services.openId().clients();
    }

    /** The HS512 token service of {@code /tokens} and {@code gatehouse token}. */
    DataTokenService dataTokens() {
        return services.dataTokens();
    }

    @Override
    public void close() {
        alongside.awaitQuietly();
        closeQuietly(stores);
    }

    private static void closeQuietly(Stores stores) {
        try {
            stores.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(GatehouseRuntime.class).warn("closing the store failed", e);
        }
    }
}
