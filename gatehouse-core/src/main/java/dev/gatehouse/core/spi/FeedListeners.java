package dev.gatehouse.core.spi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The listeners of a feed between processes, and when it last heard anything: what Redis's and
 * PostgreSQL's feeds share. A listener that throws is reported and skipped; the others still
 * hear the event.
 */
public final class FeedListeners {
    private static final Logger LOG = LoggerFactory.getLogger(FeedListeners.class);

    private final List<Consumer<StoreEvent>> listeners = new CopyOnWriteArrayList<>();
    private final java.time.Duration liveness;
    private final LongSupplier nanoTicker;
    private volatile long lastHeard;
    private volatile boolean heardAny;

    /**
     * Listeners of a feed whose liveness is measured by {@link System#nanoTime}.
     *
     * @param liveness how long after the last sign of life the feed still counts as live
     */
    public FeedListeners(java.time.Duration liveness) {
        this(liveness, System::nanoTime);
    }

    /**
     * Listeners of a feed whose liveness is measured by {@code nanoTicker}.
     *
     * @param liveness   how long after the last sign of life the feed still counts as live
     * @param nanoTicker a monotonic clock in nanoseconds ({@link System#nanoTime}): liveness is a
     *                   span of time, which a wall clock set back or forward would stretch or cut
     */
    public FeedListeners(java.time.Duration liveness, LongSupplier nanoTicker) {
        this.liveness = java.util.Objects.requireNonNull(liveness, "liveness");
        this.nanoTicker = java.util.Objects.requireNonNull(nanoTicker, "nanoTicker");
    }

    /**
     * Adds a listener, called with every event delivered from now on.
     *
     * @param listener the listener; it must be quick, as it runs on the feed's thread
     */
    public void add(Consumer<StoreEvent> listener) {
        listeners.add(listener);
    }

    /**
     * Hands an event to every listener in turn; one that throws is logged and the rest still hear it.
     *
     * @param event the event received
     */
    public void deliver(StoreEvent event) {
        for (Consumer<StoreEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("a store event listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * A sign of life (a heartbeat, a message). When it ends a silence longer than the liveness
     * window, or is the first, the listeners are told to {@link StoreEvent.Resync} first.
     */
    public void alive() {
        long now = nanoTicker.getAsLong();
        boolean wasSilent = !heardAny || now - lastHeard >= liveness.toNanos();
        if (wasSilent) {
            // Before the feed reads as live again, so that no stale copy is trusted in between.
            deliver(new StoreEvent.Resync());
        }
        lastHeard = now;
        heardAny = true;
    }

    /** The connection is known to be gone: not live until the next sign of life. */
    public void lost() {
        heardAny = false;
    }

    /**
     * Whether the feed heard a sign of life within the liveness window, and has not been declared {@link #lost}.
     *
     * @return true while events can be trusted to arrive
     */
    public boolean live() {
        return heardAny && nanoTicker.getAsLong() - lastHeard < liveness.toNanos();
    }
}
