package dev.gatehouse.core.spi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the log when one store stops answering and when it answers again: one WARN each, however
 * many requests are refused meanwhile. A store implementation reports every failure
 * ({@link #failed}) and every answer ({@link #answered}); an answer costs one volatile read
 * while the store is up.
 *
 * <p>Without it an outage is only seen request by request, and a busy server's log fills with the
 * same failure thousands of times a second, burying its start and its end.
 */
public final class StoreOutage {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOutage.class);

    private final String store;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong downSince = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /**
     * Tracks one store, taken to be answering until a failure is reported.
     *
     * @param store names the store in the log, e.g. "the database jdbc:postgresql://db:5432/gatehouse"; never a password
     */
    public StoreOutage(String store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The store failed; the first failure of an outage is logged, with the failure's message (which holds no values) and no stack trace.
     *
     * @param e the failure, as the store throws it
     */
    public void failed(StoreUnavailableException e) {
        failures.incrementAndGet();
        if (down.compareAndSet(false, true)) {
            downSince.set(System.nanoTime());
            failures.set(1);
            LOG.warn("{} stopped answering ({}): what needs it is refused with 503 until it answers again", store, e.getMessage());
        }
    }

    /** The store answered; the first answer after an outage is logged. */
    public void answered() {
        if (down.get() && down.compareAndSet(true, false)) {
            long seconds = (System.nanoTime() - downSince.get()) / 1_000_000_000L;
            LOG.warn("{} answers again after {} s ({} failed operations)", store, seconds, failures.get());
        }
    }

    /**
     * True from a failure until the next answer.
     *
     * @return true while the store is failing
     */
    public boolean isDown() {
        return down.get();
    }
}
