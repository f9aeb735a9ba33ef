package dev.gatehouse.cache;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.SessionStore;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store that counts the lookups by token that reach it. */
class CountingSessionStore extends ForwardingSessionStore {
    private final AtomicInteger reads;

    CountingSessionStore(SessionStore store, AtomicInteger reads) {
        super(store);
        this.reads = reads;
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        reads.incrementAndGet();
        return store.findByTokenHash(tokenHash);
    }
}
