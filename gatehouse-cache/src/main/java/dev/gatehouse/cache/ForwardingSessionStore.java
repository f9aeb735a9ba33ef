package dev.gatehouse.cache;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.SessionStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A session store that hands every call to another; subclasses change the calls they care about.
 * {@link SessionStore#touchAll} is not forwarded but left to the interface's loop over
 * {@link #touch}, so that a subclass that keeps copies by overriding {@code touch} sees every touch,
 * however it arrives. A batching store is put beneath the decorators that keep copies, never above.
 */
public abstract class ForwardingSessionStore implements SessionStore {
    /** The store every call is handed to. */
    protected final SessionStore store;

    /**
     * Forwards to {@code store}.
     *
     * @param store the store every call not overridden is handed to
     */
    protected ForwardingSessionStore(SessionStore store) {
        this.store = store;
    }

    @Override
    public void insert(Session session) {
        store.insert(session);
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        return store.findByTokenHash(tokenHash);
    }

    @Override
    public Optional<Session> findById(UUID id) {
        return store.findById(id);
    }

    @Override
    public boolean touch(UUID id, Instant lastSeenAt, Optional<Instant> idleExpiry) {
        return store.touch(id, lastSeenAt, idleExpiry);
    }

    @Override
    public boolean delete(UUID id) {
        return store.delete(id);
    }

    @Override
    public int deleteAllForUser(UUID userId) {
        return store.deleteAllForUser(userId);
    }

    @Override
    public int deleteAllForUserExcept(UUID userId, UUID keep) {
        return store.deleteAllForUserExcept(userId, keep);
    }

    @Override
    public List<Session> listForUser(UUID userId) {
        return store.listForUser(userId);
    }

    @Override
    public long countLive(Instant now) {
        return store.countLive(now);
    }

    @Override
    public int deleteExpired(Instant now) {
        return store.deleteExpired(now);
    }
}
