package dev.gatehouse.core.spi;

import java.util.function.Consumer;

/**
 * Carries {@link StoreEvent}s between the instances that share stores (SPI): Redis pub/sub,
 * PostgreSQL LISTEN/NOTIFY, or within one process. Delivery is at most once and usually within
 * milliseconds; a feed that loses its connection raises {@link StoreEvent.Resync} to its
 * listeners once it is back, and says meanwhile that it is not {@link #live()}, so that nobody
 * trusts a copy that an unheard event may have made stale.
 */
public interface EventFeed extends AutoCloseable {
    /**
     * Sends the event to every instance, this one included. Never throws for a lost connection: copies then expire by age.
     *
     * @param event the change to announce
     */
    void publish(StoreEvent event);

    /**
     * Calls {@code listener} for every event received, on the feed's own thread; the listener must be quick.
     *
     * @param listener called with each event, {@link StoreEvent.Resync} included
     */
    void subscribe(Consumer<StoreEvent> listener);

    /**
     * Whether events are being received now.
     *
     * @return false while events may be missed, so copies must not be trusted
     */
    boolean live();

    @Override
    void close();
}
