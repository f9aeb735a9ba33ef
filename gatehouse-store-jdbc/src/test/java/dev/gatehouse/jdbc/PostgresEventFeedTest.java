package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.StoreEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Store events between two "instances" (two databases opened on one schema) over real LISTEN/NOTIFY. */
class PostgresEventFeedTest {
    @RegisterExtension
    static final PostgresTestDatabase postgres = new PostgresTestDatabase();

    private JdbcDatabase first;
    private JdbcDatabase second;
    private PostgresEventFeed a;
    private PostgresEventFeed b;

    @AfterEach
    void close() {
        for (AutoCloseable c : new AutoCloseable[]{a, b, first, second}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // The next test opens its own.
            }
        }
    }

    /** Publishes until one arrives: the listener's LISTEN may not be in place yet. Waits on the queue, never sleeps. */
    private static StoreEvent publishUntilHeard(PostgresEventFeed from, BlockingQueue<StoreEvent> heard, StoreEvent event) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            from.publish(event);
            StoreEvent got = heard.poll(200, TimeUnit.MILLISECONDS);
            // The first sign of life tells listeners to resync: not the event this waits for.
            while (got instanceof StoreEvent.Resync) {
                got = heard.poll(200, TimeUnit.MILLISECONDS);
            }
            if (got != null) {
                return got;
            }
        }
        throw new AssertionError("no event arrived in 20 s");
    }

    /** Instances a and b on one schema; returns what b hears. */
    private BlockingQueue<StoreEvent> startTwoInstances() {
        first = postgres.open();
        second = postgres.open();
        a = PostgresEventFeed.start(first);
        b = PostgresEventFeed.start(second);
        BlockingQueue<StoreEvent> heardByB = new LinkedBlockingQueue<>();
        b.subscribe(heardByB::add);
        return heardByB;
    }

    @Test
    void theTableFeedIsOnlyForSqlite() {
        first = postgres.open();
        assertThatThrownBy(() -> SqliteEventFeed.start(first, java.time.Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PostgreSQL");
    }

    @Test
    void anEventPublishedByOneInstanceReachesTheOther() throws Exception {
        BlockingQueue<StoreEvent> heardByB = startTwoInstances();

        StoreEvent ended = new StoreEvent.SessionEnded(UUID.randomUUID(), Optional.of("abcdefghijklmnop0123456789"));
        assertThat(publishUntilHeard(a, heardByB, ended)).isEqualTo(ended);
        assertThat(b.live()).isTrue();

        StoreEvent keys = new StoreEvent.KeysChanged();
        a.publish(keys);
        assertThat(heardByB.poll(5, TimeUnit.SECONDS)).isEqualTo(keys);
    }

    @Test
    void aCutListenerIsNotLiveAndResyncsWhenBack() throws Exception {
        BlockingQueue<StoreEvent> heardByB = startTwoInstances();
        publishUntilHeard(a, heardByB, new StoreEvent.KeysChanged());

        heardByB.clear();
        // Ends every listening backend of this schema's channel, as a failover or a cut would.
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                    + PostgresEventFeed.APPLICATION_NAME + "' AND datname = current_database()");
        }
        StoreEvent next = heardByB.poll(20, TimeUnit.SECONDS);
        assertThat(next).as("listeners are told they may have missed events").isEqualTo(new StoreEvent.Resync());
        StoreEvent after = new StoreEvent.UserChanged(UUID.randomUUID());
        assertThat(publishUntilHeard(a, heardByB, after)).isEqualTo(after);
    }

    @Test
    void aClosedFeedIsNotLive() throws Exception {
        first = postgres.open();
        a = PostgresEventFeed.start(first);
        BlockingQueue<StoreEvent> heard = new LinkedBlockingQueue<>();
        a.subscribe(heard::add);
        publishUntilHeard(a, heard, new StoreEvent.KeysChanged());
        assertThat(a.live()).isTrue();

        a.close();
        assertThat(a.live()).isFalse();
    }
}
