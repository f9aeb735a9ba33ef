package dev.gatehouse.cache;

import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.KeyStore;
import dev.gatehouse.core.spi.StoreEvent;
import dev.gatehouse.core.spi.StoredKeyRing;

import java.util.Optional;

/**
 * Tells the other instances when this one saved a new key ring, so they load it at once rather
 * than at their next scheduled look: every instance then signs with the same key and serves the
 * same JWKS within moments of a rotation.
 */
public final class NotifyingKeyStore implements KeyStore {
    private final KeyStore store;
    private final EventFeed feed;

    /**
     * Announces the saves made through {@code store}.
     *
     * @param store the store that holds the key ring
     * @param feed  where a saved key ring is announced to the other instances
     */
    public NotifyingKeyStore(KeyStore store, EventFeed feed) {
        this.store = store;
        this.feed = feed;
    }

    @Override
    public Optional<StoredKeyRing> load() {
        return store.load();
    }

    @Override
    public boolean save(StoredKeyRing ring) {
        boolean saved = store.save(ring);
        if (saved) {
            feed.publish(new StoreEvent.KeysChanged());
        }
        return saved;
    }
}
