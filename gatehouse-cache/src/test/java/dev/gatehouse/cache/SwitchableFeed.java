package dev.gatehouse.cache;

import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.LocalEventFeed;
import dev.gatehouse.core.spi.StoreEvent;

import java.util.function.Consumer;

/** A real in-process feed that a test can cut (events are then lost, as on a broken connection) and restore. */
final class SwitchableFeed implements EventFeed {
    private final LocalEventFeed feed = new LocalEventFeed();
    private volatile boolean live = true;

    void cut() {
        live = false;
    }

    /** Back, and listeners told they may have missed events. */
    void restore() {
        live = true;
        feed.publish(new StoreEvent.Resync());
    }

    @Override
    public void publish(StoreEvent event) {
        if (live) {
            feed.publish(event);
        }
    }

    @Override
    public void subscribe(Consumer<StoreEvent> listener) {
        feed.subscribe(listener);
    }

    @Override
    public boolean live() {
        return live;
    }

    @Override
    public void close() {
        feed.close();
    }
}
