package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.FeedListeners;
import dev.gatehouse.core.spi.StoreEvent;
import dev.gatehouse.core.spi.StoreEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Store events between the processes that open one SQLite file: the server and the
 * {@code gatehouse users ...} commands run beside it. SQLite has no notifications, so events go
 * through a table: publishing delivers to this process's listeners at once and appends a row;
 * every process polls for rows past the last it saw, every quarter of a second, and skips its own.
 *
 * <p>That is what lets a single SQLite server keep copies of sessions and users: a user deleted
 * or demoted by a command reaches the server's caches within a poll. The feed counts as live only
 * while a poll succeeded within the last second and a half; after a failure the listeners get
 * {@link StoreEvent.Resync} when polls work again.
 */
public final class SqliteEventFeed implements EventFeed {
    static final Duration POLL = Duration.ofMillis(250);
    private static final Duration LIVENESS = Duration.ofMillis(1500);
    /** Long past any poll: a process that has not read the log for this long resyncs anyway. */
    static final Duration KEEP = Duration.ofMinutes(10);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(SqliteEventFeed.class);

    private record Row(long seq, String origin, String payload) {
    }

    private final JdbcDatabase database;
    private final Clock clock;
    private final Sql sql;
    private final String origin = UUID.randomUUID().toString();
    private final FeedListeners listeners = new FeedListeners(LIVENESS);
    private final Thread thread;
    private volatile boolean closed;
    private long lastSeen;
    private Instant nextPurge;
    private boolean failing;

    SqliteEventFeed(JdbcDatabase database, Clock clock) {
        if (database.dialect() != SqlDialect.SQLITE) {
            throw new IllegalArgumentException("the table feed is for SQLite, not " + database.dialect().name());
        }
        this.database = database;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sql = new Sql(database, "store event log");
        // Events written before this process started concern copies it never had.
        this.lastSeen = sql.one("read the last event", "SELECT COALESCE(MAX(seq), 0) FROM store_events", s -> { },
                rows -> rows.getLong(1)).orElse(0L);
        this.nextPurge = clock.instant();
        this.thread = Thread.ofPlatform().daemon().name("gatehouse-sqlite-events").unstarted(this::run);
    }

    /**
     * Opens the feed on {@code database}, which must be SQLite, and starts polling. Live after the first poll.
     *
     * @param database the open SQLite database shared by the processes
     * @param clock    the time written with each event, by which old events are purged
     * @return the running feed; close it before {@code database}
     * @throws IllegalArgumentException when {@code database} is not SQLite
     * @throws JdbcStoreException when the event table cannot be read
     */
    public static SqliteEventFeed start(JdbcDatabase database, Clock clock) {
        SqliteEventFeed feed = new SqliteEventFeed(Objects.requireNonNull(database, "database"), clock);
        feed.thread.start();
        return feed;
    }

    @Override
    public void publish(StoreEvent event) {
        // This process first, at once: its own copies must never outlive its own write.
        listeners.deliver(event);
        try {
            sql.update("append an event", "INSERT INTO store_events (origin, payload, created_at) VALUES (?, ?, ?)", s -> {
                s.setString(1, origin);
                s.setString(2, StoreEvents.encode(event));
                s.setLong(3, clock.millis());
            });
        } catch (JdbcStoreException e) {
            // Other processes' copies then outlive the change by at most their staleness bound.
            LOG.warn("could not announce {} in {}: {}", event.getClass().getSimpleName(), database.shownUrl(), e.getMessage());
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
    }

    /**
     * Reads the rows other processes appended since the last poll and delivers them, then counts
     * as a sign of life; purges old rows now and then. Runs on the feed's thread (and in tests).
     */
    synchronized void poll() {
        try {
            List<Row> rows = sql.list("read new events", "SELECT seq, origin, payload FROM store_events WHERE seq > ? ORDER BY seq",
                    s -> s.setLong(1, lastSeen), r -> new Row(r.getLong(1), r.getString(2), r.getString(3)));
            // The read is the sign of life, and it comes before the delivery: a listener that asks
            // live() about the event it is handed must not hear "no" from the very feed that brought it.
            listeners.alive();
            for (Row row : rows) {
                if (!row.origin().equals(origin)) {
                    listeners.deliver(StoreEvents.decode(row.payload()));
                }
                lastSeen = row.seq();
            }
            purgeNowAndThen();
            if (failing) {
                LOG.info("reading store events from {} again", database.shownUrl());
                failing = false;
            }
        } catch (JdbcStoreException e) {
            listeners.lost();
            if (!failing && !closed) {
                LOG.warn("cannot read store events from {} ({}); copies are not trusted until it can", database.shownUrl(), e.getMessage());
            }
            failing = true;
        }
    }

    private void purgeNowAndThen() {
        Instant now = clock.instant();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        long before = now.minus(KEEP).toEpochMilli();
        sql.deleteInBatches("purge old events", "store_events", "seq", "created_at < ?", s -> s.setLong(1, before));
    }

    private void run() {
        while (!closed) {
            poll();
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
