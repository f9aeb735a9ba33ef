package dev.gatehouse.core.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The feed of a single instance: events go straight to this process's listeners. Always live. */
public final class LocalEventFeed implements EventFeed {
    private final List<Consumer<StoreEvent>> listeners = new CopyOnWriteArrayList<>();

    /** A feed with no listeners yet. */
    public LocalEventFeed() {
    }

    @Override
    public void publish(StoreEvent event) {
        listeners.forEach(listener -> listener.accept(event));
    }

    @Override
    public void subscribe(Consumer<StoreEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
