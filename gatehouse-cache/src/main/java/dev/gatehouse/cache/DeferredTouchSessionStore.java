package dev.gatehouse.cache;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.spi.SessionTouch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Writes sessions' last-seen times behind the requests that cause them. A session is touched at
 * most once a minute, but a million sessions in use are some 16,000 touches a second, each a
 * durable write on the request's path: on SQLite, with its single writer, a few hundred a second.
 * Here a touch is noted in memory and the request goes on; one thread writes whatever has
 * gathered in one transaction ({@link SessionStore#touchAll}), so the writes group themselves as
 * load grows.
 *
 * <p>Reads through this store see the noted touches at once, so on this instance a session never
 * looks idle-expired for a use that is not written yet. A touch is dropped from memory only once
 * written (or superseded by a later one). What deferring can cost is bounded and fails safe: a
 * crash loses the last moment's uses (those sessions may end a little earlier than they would
 * have), and another instance may not see a use until it is written, a fraction of a second,
 * which matters only to a session within that moment of its idle expiry. Nothing is ever made to
 * live longer. A touch of a session deleted meanwhile changes nothing.
 */
public final class DeferredTouchSessionStore extends ForwardingSessionStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredTouchSessionStore.class);
    /** How long the writer waits for touches before it looks again: the retry pause after a failed write. */
    private static final long IDLE_WAIT_MILLIS = 1000;

    private final Map<UUID, SessionTouch> pending = new ConcurrentHashMap<>();
    private final Semaphore noted = new Semaphore(0);
    private final Thread writer;
    private volatile boolean closed;
    private boolean failing;

    DeferredTouchSessionStore(SessionStore store) {
        super(store);
        this.writer = Thread.ofPlatform().daemon().name("gatehouse-session-touches").unstarted(this::run);
    }

    /**
     * Defers the touches of {@code store}, writing them on a thread of its own until closed.
     *
     * @param store the store the touches are written to, in batches through {@link SessionStore#touchAll}
     * @return the running store; close it before the database behind {@code store}, so that the last touches are written
     */
    public static DeferredTouchSessionStore start(SessionStore store) {
        DeferredTouchSessionStore deferred = new DeferredTouchSessionStore(store);
        deferred.writer.start();
        return deferred;
    }

    /**
     * Notes the use; always true, for whether the session still exists is not asked (the caller has
     * just read it). Once closed, the use is written at once: no writer is left to take it.
     */
    @Override
    public boolean touch(UUID id, Instant lastSeenAt, Optional<Instant> idleExpiry) {
        pending.merge(id, new SessionTouch(id, lastSeenAt, idleExpiry), SessionTouch::later);
        if (closed) {
            // Merged first, so that an older touch still noted is never written after this one.
            flush();
        } else {
            noted.release();
        }
        return true;
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        return store.findByTokenHash(tokenHash).map(this::withPendingTouch);
    }

    @Override
    public Optional<Session> findById(UUID id) {
        return store.findById(id).map(this::withPendingTouch);
    }

    @Override
    public List<Session> listForUser(UUID userId) {
        return store.listForUser(userId).stream().map(this::withPendingTouch).toList();
    }

    @Override
    public boolean delete(UUID id) {
        pending.remove(id);
        return store.delete(id);
    }

    /**
     * How many touches wait to be written (for tests and statistics).
     *
     * @return the number of sessions with a noted use not yet written
     */
    public int pending() {
        return pending.size();
    }

    /**
     * Writes every noted touch in one call, then forgets those not superseded meanwhile. A store
     * that fails keeps them noted for the next try: they are uses, and losing them could end
     * sessions early. One flush at a time: the writer's and the last one of {@link #close} may
     * otherwise meet when the writer outlives close's wait.
     */
    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<SessionTouch> batch = new ArrayList<>(pending.values());
        try {
            store.touchAll(batch);
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("could not write {} sessions' last use; kept to try again: {}", batch.size(), e.getMessage());
            }
            failing = true;
            return;
        }
        failing = false;
        for (SessionTouch written : batch) {
            pending.remove(written.id(), written);
        }
    }

    /** Writes what is still noted, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        noted.release();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private Session withPendingTouch(Session session) {
        SessionTouch touch = pending.get(session.id());
        return touch == null ? session : touch.appliedTo(session);
    }

    private void run() {
        while (!closed) {
            try {
                // Touches kept after a failed write are tried again a second later.
                if (noted.tryAcquire(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS) || !pending.isEmpty()) {
                    // Everything noted until now goes in this write; what comes during it, in the next.
                    noted.drainPermits();
                    flush();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("the session-touch writer failed; it goes on", e);
            }
        }
    }
}
