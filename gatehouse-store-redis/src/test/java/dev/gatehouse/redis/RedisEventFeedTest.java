package dev.gatehouse.redis;

import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.StoreEvent;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Store events between two instances, each with its own connections to one real Redis. */
class RedisEventFeedTest {
    @RegisterExtension
    final TestRedis redis = new TestRedis();

    private final MutableClock clock = MutableClock.atFixedStart();
    private RedisStores first;
    private RedisStores second;
    private EventFeed a;
    private EventFeed b;

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

    /** Waits on the queue (never sleeps) for the first event that is not a Resync. */
    private static StoreEvent next(BlockingQueue<StoreEvent> heard) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            StoreEvent event = heard.poll(5, TimeUnit.SECONDS);
            if (!(event instanceof StoreEvent.Resync)) {
                return event;
            }
        }
        throw new AssertionError("only resyncs arrived");
    }

    /**
     * Waits until the feed has heard a heartbeat. Its first Resync may come before a test's
     * listener is added, so that is not what is waited for.
     */
    private static void awaitLive(EventFeed feed) {
        Eventually.await("a heartbeat heard", feed::live);
    }

    @Test
    void eventsReachTheOtherInstanceAndHeartbeatsKeepTheFeedLive() throws Exception {
        first = redis.connect(clock);
        second = redis.connect(clock);
        a = first.startEvents();
        b = second.startEvents();
        BlockingQueue<StoreEvent> heardByB = new LinkedBlockingQueue<>();
        b.subscribe(heardByB::add);

        awaitLive(b);

        StoreEvent ended = new StoreEvent.SessionEnded(UUID.randomUUID(), Optional.of("abcdefghijklmnop0123456789"));
        a.publish(ended);
        assertThat(next(heardByB)).isEqualTo(ended);
        StoreEvent keys = new StoreEvent.KeysChanged();
        a.publish(keys);
        assertThat(next(heardByB)).isEqualTo(keys);

        b.close();
        assertThat(b.live()).isFalse();
    }

    @Test
    void instancesWithAnotherPrefixDoNotHearEachOther() throws Exception {
        first = redis.connect(clock);
        a = first.startEvents();
        second = RedisStores.connect(TestRedis.URL, redis.prefix() + "other:", clock);
        b = second.startEvents();
        BlockingQueue<StoreEvent> heardByB = new LinkedBlockingQueue<>();
        b.subscribe(heardByB::add);
        awaitLive(a);
        awaitLive(b);

        a.publish(new StoreEvent.KeysChanged());
        b.publish(new StoreEvent.UserChanged(UUID.randomUUID()));
        assertThat(next(heardByB)).as("only its own").isInstanceOf(StoreEvent.UserChanged.class);
    }
}
