package dev.gatehouse.server;

import dev.gatehouse.core.authn.Authenticator;
import dev.gatehouse.core.config.GatehouseConfig;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.session.AccountService;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.user.UserService;
import dev.gatehouse.http.GatehouseHttp;

import java.time.Clock;

/** The library's services wired by hand for one configuration: what the server and the CLI both use. */
final class GatehouseRuntime implements AutoCloseable {
    private final Stores stores;
    private final GatehouseHttp.Services services;

    private GatehouseRuntime(Stores stores, GatehouseHttp.Services services) {
        this.stores = stores;
        this.services = services;
    }

    static GatehouseRuntime open(GatehouseConfig config, Clock clock) {
        Stores stores = Stores.open(config);
        try {
            PasswordHasher hasher = PasswordHasher.withDefaults(config.hashConcurrency());
            UserService users = new UserService(stores.users(), hasher, clock);
            SessionService sessions = new SessionService(stores.sessions(),
                    new SessionPolicy(config.sessionDuration(), config.sessionIdleTimeout()), clock);
            AccountService accounts = new AccountService(users, sessions);
            Authenticator authenticator = new Authenticator(users, sessions, config.authTypes());
            return new GatehouseRuntime(stores, new GatehouseHttp.Services(config, users, sessions, accounts, authenticator, clock));
        } catch (RuntimeException e) {
            closeQuietly(stores);
            throw e;
        }
    }

    GatehouseHttp.Services services() {
        return services;
    }

    @Override
    public void close() {
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
