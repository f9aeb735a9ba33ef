package dev.gatehouse.cache;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.spi.ClientStore;
import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.StoreEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps copies of OpenID clients looked up by id: every token a client got is checked against its
 * client (still registered, its scopes), and every request at the token endpoint authenticates
 * one. Registrations, changes and deletions go to the store first and are published on the
 * {@link EventFeed}, so a deleted client's tokens, or a rotated secret, stop working on every
 * instance within moments (at most the cache's maximum staleness when the feed is cut). Listing
 * reads the store.
 */
public final class CachingClientStore implements ClientStore {
    private final ClientStore store;
    private final EventFeed feed;
    private final Copies<String, Client> byId;

    /**
     * Caches in front of {@code store} and subscribes to {@code feed}.
     *
     * @param store    the store that holds the clients, the only truth
     * @param feed     where changes of clients are announced and heard from the other instances
     * @param settings how long and how many copies are kept
     * @param clock    the time that ages copies
     */
    public CachingClientStore(ClientStore store, EventFeed feed, CacheSettings settings, Clock clock) {
        this.store = store;
        this.feed = feed;
        this.byId = new Copies<>(settings, clock, feed, (id, client, cause) -> { });
        feed.subscribe(this::onEvent);
    }

    @Override
    public boolean insert(Client client) {
        boolean inserted = store.insert(client);
        // A lookup of the id before it existed may have been remembered as absent.
        changed(client.id());
        return inserted;
    }

    @Override
    public Optional<Client> findById(String id) {
        return byId.get(id, copy -> true, () -> store.findById(id));
    }

    @Override
    public List<Client> list() {
        return store.list();
    }

    @Override
    public boolean update(Client client, Instant readAt) {
        boolean updated = store.update(client, readAt);
        // Also when refused: the copy the caller read may be the stale one that made it fail.
        changed(client.id());
        return updated;
    }

    @Override
    public boolean delete(String id) {
        boolean deleted = store.delete(id);
        changed(id);
        return deleted;
    }

    private void changed(String id) {
        byId.forget(id);
        feed.publish(new StoreEvent.ClientChanged(id));
    }

    private void onEvent(StoreEvent event) {
        switch (event) {
            case StoreEvent.ClientChanged changed -> byId.forget(changed.clientId());
            case StoreEvent.Resync resync -> byId.forgetAll();
            case StoreEvent.UserChanged changed -> { }
            case StoreEvent.SessionEnded ended -> { }
            case StoreEvent.UserSessionsEnded ended -> { }
            case StoreEvent.JtiRevoked revoked -> { }
            case StoreEvent.UserNotBeforeSet set -> { }
            case StoreEvent.KeysChanged changed -> { }
        }
    }
}
