package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.FeedListeners;
import dev.gatehouse.core.spi.StoreEvent;
import dev.gatehouse.core.spi.StoreEvents;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Store events between instances sharing one PostgreSQL database, over LISTEN/NOTIFY: for
 * deployments without Redis. One thread holds a connection of its own that listens; publishing
 * is a {@code pg_notify} on the pool.
 *
 * <p>The feed counts as live only while that connection answered a heartbeat within the last
 * second and a half: a connection that silently hangs (a cut network without a reset) stops
 * being trusted within two seconds, instead of after the socket timeout. When it is back, the
 * listeners get {@link StoreEvent.Resync}, since events sent meanwhile were lost.
 */
public final class PostgresEventFeed implements EventFeed {
    private static final String CHANNEL_PREFIX = "gatehouse_events_";
    static final String APPLICATION_NAME = "gatehouse-events";
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration LIVENESS = Duration.ofMillis(1500);
    private static final Duration RETRY = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventFeed.class);

    private final JdbcDatabase database;
    private final String channel;
    private final FeedListeners listeners = new FeedListeners(LIVENESS);
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection listening;

    private PostgresEventFeed(JdbcDatabase database, String channel) {
        this.database = database;
        this.channel = channel;
        this.thread = Thread.ofPlatform().daemon().name("gatehouse-pg-events").unstarted(this::run);
    }

    /**
     * Starts listening on {@code database}, which must be PostgreSQL. Returns at once; the feed is
     * live as soon as the listening connection is up.
     *
     * @param database the open PostgreSQL database whose instances share events; the channel is
     *        named after its current schema
     * @return the running feed; close it before {@code database}
     * @throws IllegalArgumentException when {@code database} is not PostgreSQL
     * @throws JdbcStoreException when the database's schema cannot be read
     */
    public static PostgresEventFeed start(JdbcDatabase database) {
        Objects.requireNonNull(database, "database");
        if (database.dialect() != SqlDialect.POSTGRES) {
            throw new IllegalArgumentException("LISTEN/NOTIFY needs PostgreSQL, not " + database.dialect().name());
        }
        PostgresEventFeed feed = new PostgresEventFeed(database, channel(database));
        feed.thread.start();
        return feed;
    }

    @Override
    public void publish(StoreEvent event) {
        try (Connection c = database.writes().getConnection(); PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, StoreEvents.encode(event));
            notify.execute();
        } catch (SQLException e) {
            // Other instances' copies then outlive the change by at most their staleness bound.
            LOG.warn("could not announce {} on {}: {}", event.getClass().getSimpleName(), database.shownUrl(), database.dialect().describe(e));
        }
    }

    @Override
    public void subscribe(Consumer<StoreEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean live() {
        return !closed && listeners.live();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing is all that was wanted.
            }
        }
    }

    private void run() {
        // Told once per cut, not at every reconnection attempt: an outage of minutes is two lines, not hundreds.
        boolean cut = false;
        while (!closed) {
            try (Connection c = database.unpooled().getConnection(); Statement statement = c.createStatement()) {
                listening = c;
                // Named, so that operators (and a test) can tell the listener in pg_stat_activity.
                statement.execute("SET application_name = '" + APPLICATION_NAME + "'");
                statement.execute("LISTEN \"" + channel + "\"");
                if (cut) {
                    LOG.info("listening for store events again on {}", database.shownUrl());
                    cut = false;
                }
                // The first sign of life after a silence tells the listeners to resync.
                heartbeat(statement);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            listeners.deliver(StoreEvents.decode(notification.getParameter()));
                        }
                    }
                    heartbeat(statement);
                }
            } catch (SQLException e) {
                listeners.lost();
                if (!closed) {
                    if (!cut) {
                        LOG.warn("store events from {} are cut ({}); copies are not trusted until they are back",
                                database.shownUrl(), database.dialect().describe(e));
                    }
                    cut = true;
                    pause();
                }
            }
        }
    }

    /**
     * One channel per schema: deployments (and test classes) sharing a database but not a schema
     * do not hear each other. Only {@code [a-z0-9_]} is kept, so the name needs no quoting care.
     */
    private static String channel(JdbcDatabase database) {
        try (Connection c = database.reads().getConnection(); Statement statement = c.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
            String schema = rs.next() && rs.getString(1) != null ? rs.getString(1) : "public";
            String safe = schema.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            return CHANNEL_PREFIX + safe.substring(0, Math.min(safe.length(), 40));
        } catch (SQLException e) {
            throw new JdbcStoreException("reading the schema of " + database.shownUrl() + " failed: " + database.dialect().describe(e), e);
        }
    }

    /** A round trip on the listening connection: proof that notifications could still arrive. */
    private void heartbeat(Statement statement) throws SQLException {
        statement.setQueryTimeout(1);
        statement.execute("SELECT 1");
        listeners.alive();
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
