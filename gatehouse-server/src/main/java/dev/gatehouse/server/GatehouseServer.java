package dev.gatehouse.server;

import dev.gatehouse.core.keys.KeyRotator;
import dev.gatehouse.core.keys.TokenKeys;
import dev.gatehouse.core.spi.StoreUnavailableException;
import dev.gatehouse.http.GatehouseHttp;
import dev.gatehouse.http.HttpServer;
import dev.gatehouse.http.HttpSettings;
import dev.gatehouse.http.RouteStatistics;
import dev.gatehouse.oidc.BackChannelLogout;
import dev.gatehouse.oidc.OpenIdProvider;
import dev.gatehouse.rules.RulesReloader;
import dev.gatehouse.server.boot.StartupTask;
import dev.gatehouse.server.config.GatehouseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running Gatehouse: store, services, HTTP server and the background purge of expired
 * sessions. {@link #stop} stops accepting, lets requests in flight finish, prints the per-route
 * statistics and closes the store, in that order.
 */
public final class GatehouseServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatehouseServer.class);
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    private static final Duration RULES_CHECK_INTERVAL = Duration.ofSeconds(2);
    /** How often due logout tokens are looked for: a client hears of a sign-out within about this. */
    private static final Duration BACK_CHANNEL_INTERVAL = Duration.ofSeconds(1);

    private final GatehouseRuntime runtime;
    private final RouteStatistics statistics = new RouteStatistics();
    private final HttpServer app;
    private final ScheduledExecutorService purger;
    /** Its own thread: a delivery may wait seconds for a client's answer, which must not hold up the purge. */
    private final ScheduledExecutorService logouts;
    private final PrintStream report;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private GatehouseServer(GatehouseRuntime runtime, HttpSettings settings, PrintStream report) {
        this.runtime = runtime;
        this.report = report;
        this.app = HttpServer.create(runtime.services(), settings, statistics);
        this.purger = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("gatehouse-purge").factory());
        this.logouts = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("gatehouse-logout").factory());
    }

    /** Opens the store, ensures the configured admin and starts listening. */
    public static GatehouseServer start(GatehouseConfig config, Clock clock, PrintStream report) {
        StartupTask<Boolean> warmHttp = StartupTask.start("gatehouse-start-http", GatehouseServer::warmUpHttp);
        GatehouseRuntime runtime = GatehouseRuntime.open(config, clock,
                users -> config.adminEmail().ifPresent(email -> users.ensureAdmin(email, config.adminPassword().orElseThrow().value())));
        try {
            warmHttp.join();
            GatehouseServer server = new GatehouseServer(runtime, config.http(), report);
            // The routes are built while the admin's password may still be hashing; nothing listens before it is stored.
            runtime.awaitAlongside();
            warnWhenNobodyCanSignIn(runtime);
            server.app.start(config.host(), config.port());
            server.purger.scheduleWithFixedDelay(server::upkeep, PURGE_INTERVAL.toSeconds(), PURGE_INTERVAL.toSeconds(), TimeUnit.SECONDS);
            runtime.services().openId().endpoints().map(OpenIdProvider.Endpoints::backChannelLogout).ifPresent(logout ->
                    server.logouts.scheduleWithFixedDelay(() -> deliverLogouts(logout), BACK_CHANNEL_INTERVAL.toMillis(),
                            BACK_CHANNEL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
            runtime.rulesReloader().ifPresent(rules -> server.purger.scheduleWithFixedDelay(() -> reloadRules(rules),
                    RULES_CHECK_INTERVAL.toMillis(), RULES_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
            LOG.info("Gatehouse listening on http://{}:{} (store {}, auth {})", config.host(), server.port(), config.store().name().toLowerCase(),
                    config.authMethods());
            return server;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * A server with no user at all can only be entered by whoever makes the first admin: say how,
     * once, without any secret. Registration over the API is not open by default, so a newcomer
     * would otherwise find every door shut and no word why.
     */
    private static void warnWhenNobodyCanSignIn(GatehouseRuntime runtime) {
        if (runtime.gatehouse().users().count() == 0) {
            LOG.warn("No user exists yet. Make the first admin with: ./gatehouse users add --email EMAIL --admin --password-stdin "
                    + "(the password on standard input), or set GATEHOUSE_ADMIN_EMAIL and GATEHOUSE_ADMIN_PASSWORD");
        }
    }

    /** Warms the web server's start-up path while the store opens (see {@link GatehouseHttp#warmUp}); a failure there only costs time. */
    private static boolean warmUpHttp() {
        try {
            GatehouseHttp.warmUp();
            return true;
        } catch (Exception e) {
            LOG.debug("warming up the web server failed; it starts cold", e);
            return false;
        }
    }

    public int port() {
        return app.port();
    }

    public RouteStatistics statistics() {
        return statistics;
    }

    private void upkeep() {
        try {
            int purged = runtime.gatehouse().sessions().purgeExpired();
            if (purged > 0) {
                LOG.info("purged {} expired sessions", purged);
            }
            int tokens = runtime.purgeExpiredTokens();
            if (tokens > 0) {
                LOG.info("purged {} expired refresh tokens and revocations", tokens);
            }
            runtime.tokenKeys().flatMap(TokenKeys::rotator).ifPresent(rotator -> {
                // A change another instance announced while this one was not listening is picked up here at the latest.
                rotator.refresh();
                rotator.rotateIfDue();
            });
        } catch (StoreUnavailableException e) {
            // An outage, already announced by the store: one line, no stack trace.
            LOG.warn("background upkeep (purge, key rotation) failed: {}", e.getMessage());
        } catch (RuntimeException e) {
            // The next run tries again; an expired session is refused on sight meanwhile, and a key
            // due to rotate keeps signing a little longer (its verify window has that slack).
            LOG.warn("background upkeep (purge, key rotation) failed", e);
        }
    }

    private static void deliverLogouts(BackChannelLogout logout) {
        try {
            logout.deliverDue();
        } catch (StoreUnavailableException e) {
            LOG.warn("back-channel logout failed: {}", e.getMessage());
        } catch (RuntimeException e) {
            // An exception would cancel the schedule for good; what was not sent stays due for the next run.
            LOG.warn("back-channel logout failed", e);
        }
    }

    private static void reloadRules(RulesReloader rules) {
        try {
            rules.reloadIfChanged();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule for good; the rules in force stay and the next check tries again.
            LOG.warn("checking the rules file {} failed", rules.file(), e);
        }
    }

    /** Idempotent: the shutdown hook and an explicit call may both arrive. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        purger.shutdownNow();
        logouts.shutdownNow();
        app.stop();
        report.println("Per-route statistics:");
        report.print(statistics.renderTable());
        report.flush();
        runtime.close();
        LOG.info("Gatehouse stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
