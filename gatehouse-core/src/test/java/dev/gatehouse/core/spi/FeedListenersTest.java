package dev.gatehouse.core.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A feed is live only within its liveness window after a sign of life, and says Resync when it comes back. */
class FeedListenersTest {
    private static final Duration LIVENESS = Duration.ofSeconds(3);

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final FeedListeners feed = new FeedListeners(LIVENESS, nanos::get);
    private final List<StoreEvent> heard = new ArrayList<>();

    @Test
    void liveOnlyWithinTheWindowAfterASignOfLife() {
        assertThat(feed.live()).as("nothing heard yet").isFalse();
        feed.alive();
        assertThat(feed.live()).isTrue();
        nanos.addAndGet(LIVENESS.toNanos() - 1);
        assertThat(feed.live()).isTrue();
        nanos.addAndGet(1);
        assertThat(feed.live()).as("silent for the whole window").isFalse();
    }

    @Test
    void theFirstSignOfLifeAndOneAfterASilenceSayResyncAndOthersDoNot() {
        feed.add(heard::add);
        feed.alive();
        nanos.addAndGet(LIVENESS.toNanos() / 2);
        feed.alive();
        assertThat(heard).hasSize(1).allMatch(StoreEvent.Resync.class::isInstance);
        nanos.addAndGet(LIVENESS.toNanos());
        feed.alive();
        assertThat(heard).hasSize(2);
    }

    @Test
    void aLostConnectionIsNotLiveUntilTheNextSignOfLifeWhichSaysResync() {
        feed.add(heard::add);
        feed.alive();
        feed.lost();
        assertThat(feed.live()).isFalse();
        feed.alive();
        assertThat(feed.live()).isTrue();
        assertThat(heard).hasSize(2);
    }

    @Test
    void aFailingListenerDoesNotKeepTheOthersFromHearing() {
        feed.add(event -> {
            throw new IllegalStateException("listener bug");
        });
        feed.add(heard::add);
        feed.deliver(new StoreEvent.Resync());
        assertThat(heard).hasSize(1);
    }
}
