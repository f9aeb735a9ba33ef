package dev.gatehouse.core.memory;

import dev.gatehouse.core.spi.KeyStore;
import dev.gatehouse.core.spi.StoredKeyRing;

import java.util.Optional;

/** A {@link KeyStore} in memory: keys live as long as the process (tests, {@code STORE=memory}). */
public final class InMemoryKeyStore implements KeyStore {
    private StoredKeyRing ring;

    /** An empty store: no ring until the first save. */
    public InMemoryKeyStore() {
    }

    @Override
    public synchronized Optional<StoredKeyRing> load() {
        return Optional.ofNullable(ring);
    }

    @Override
    public synchronized boolean save(StoredKeyRing next) {
        long current = ring == null ? 0 : ring.generation();
        if (next.generation() != current + 1) {
            return false;
        }
        ring = next;
        return true;
    }
}
