package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.StoreEvent;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two "processes" (two databases opened on one SQLite file, each with its feed) telling each other
 * what to forget through the event log. Polls are called by the test, except in the one test of
 * the feed's own thread, so nothing here waits on a timer.
 */
class SqliteEventFeedTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.atFixedStart();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    private JdbcDatabase open() {
        JdbcDatabase database = JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("gatehouse.db"));
        opened.add(database);
        return database;
    }

    private SqliteEventFeed feed(JdbcDatabase database, List<StoreEvent> heard) {
        SqliteEventFeed feed = new SqliteEventFeed(database, clock);
        opened.add(feed);
        feed.subscribe(heard::add);
        return feed;
    }

    private static StoreEvent sessionEnded() {
        return new StoreEvent.SessionEnded(UUID.randomUUID(), Optional.of("abcdefghijklmnop0123456789"));
    }

    @Test
    void anEventReachesTheOtherProcessOnItsNextPollOnceAndItsOwnListenersAtOnce() {
        List<StoreEvent> heardByA = new CopyOnWriteArrayList<>();
        List<StoreEvent> heardByB = new CopyOnWriteArrayList<>();
        SqliteEventFeed a = feed(open(), heardByA);
        SqliteEventFeed b = feed(open(), heardByB);
        a.poll();
        b.poll();
        heardByA.clear();
        heardByB.clear();

        StoreEvent ended = sessionEnded();
        StoreEvent changed = new StoreEvent.UserChanged(UUID.randomUUID());
        a.publish(ended);
        a.publish(changed);

        assertThat(heardByA).containsExactly(ended, changed);
        assertThat(heardByB).isEmpty();
        b.poll();
        assertThat(heardByB).containsExactly(ended, changed);
        b.poll();
        a.poll();
        assertThat(heardByB).as("delivered once").hasSize(2);
        assertThat(heardByA).as("a process never hears its own rows again").hasSize(2);
    }

    @Test
    void eventsWrittenBeforeAProcessOpenedTheLogAreNotItsConcern() {
        SqliteEventFeed a = feed(open(), new ArrayList<>());
        a.publish(new StoreEvent.KeysChanged());

        List<StoreEvent> heardByB = new ArrayList<>();
        SqliteEventFeed b = feed(open(), heardByB);
        b.poll();
        assertThat(heardByB).containsExactly(new StoreEvent.Resync());
    }

    @Test
    void liveOnlyAfterAPollAndUntilClosedAndTheFirstPollResyncs() {
        List<StoreEvent> heard = new ArrayList<>();
        SqliteEventFeed feed = feed(open(), heard);
        assertThat(feed.live()).isFalse();

        feed.poll();
        assertThat(feed.live()).isTrue();
        assertThat(heard).containsExactly(new StoreEvent.Resync());

        feed.close();
        assertThat(feed.live()).isFalse();
    }

    @Test
    void aPollThatFailsMakesTheFeedNotLiveAndTheNextGoodOneResyncs() {
        JdbcDatabase database = open();
        List<StoreEvent> heard = new ArrayList<>();
        SqliteEventFeed feed = feed(database, heard);
        feed.poll();
        heard.clear();

        try (Connection c = database.writes().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE store_events RENAME TO store_events_away");
            feed.poll();
            assertThat(feed.live()).isFalse();
            s.execute("ALTER TABLE store_events_away RENAME TO store_events");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        feed.poll();
        assertThat(feed.live()).isTrue();
        assertThat(heard).containsExactly(new StoreEvent.Resync());
    }

    @Test
    void rowsOlderThanTheKeepingTimeArePurgedByAPoll() throws SQLException {
        JdbcDatabase database = open();
        SqliteEventFeed feed = feed(database, new ArrayList<>());
        feed.publish(sessionEnded());
        feed.poll();
        clock.advance(SqliteEventFeed.KEEP.minusSeconds(1));
        feed.publish(sessionEnded());
        feed.poll();
        assertThat(rows(database)).isEqualTo(2);

        clock.advance(Duration.ofMinutes(2)); // past the next purge, and the first row past the keeping time
        feed.poll();
        assertThat(rows(database)).as("only the newer row is kept").isEqualTo(1);
    }

    @Test
    void aStartedFeedPollsByItself() throws InterruptedException {
        SqliteEventFeed a = feed(open(), new ArrayList<>());
        BlockingQueue<StoreEvent> heardByB = new LinkedBlockingQueue<>();
        SqliteEventFeed b = SqliteEventFeed.start(open(), clock);
        opened.add(b);
        b.subscribe(heardByB::add);

        StoreEvent ended = sessionEnded();
        a.publish(ended);
        StoreEvent got = heardByB.poll(10, TimeUnit.SECONDS);
        while (got instanceof StoreEvent.Resync) {
            got = heardByB.poll(10, TimeUnit.SECONDS);
        }
        assertThat(got).isEqualTo(ended);
        assertThat(b.live()).isTrue();
    }

    private static long rows(JdbcDatabase database) throws SQLException {
        try (Connection c = database.reads().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM store_events")) {
            r.next();
            return r.getLong(1);
        }
    }
}
