package dev.gatehouse.cache;

import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.StoreEvent;
import dev.gatehouse.core.spi.UserStore;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps copies of users looked up by id (every session and token check does one). Changes and
 * deletions go to the store first and are published on the {@link EventFeed}, so a role taken
 * away or a deleted user is seen by every instance within moments. Lookups by email or username
 * (sign-in, registration) always read the store.
 */
public final class CachingUserStore implements UserStore {
    private final UserStore store;
    private final EventFeed feed;
    private final Copies<UUID, User> byId;

    /**
     * Caches in front of {@code store} and subscribes to {@code feed}.
     *
     * @param store    the store that holds the users, the only truth
     * @param feed     where changes of users are announced and heard from the other instances
     * @param settings how long and how many copies are kept
     * @param clock    the time that ages copies
     */
    public CachingUserStore(UserStore store, EventFeed feed, CacheSettings settings, Clock clock) {
        this.store = store;
        this.feed = feed;
        this.byId = new Copies<>(settings, clock, feed, (id, user, cause) -> { });
        feed.subscribe(this::onEvent);
    }

    @Override
    public boolean insert(User user) {
        return store.insert(user);
    }

    @Override
    public Optional<User> findById(UUID id) {
        return byId.get(id, copy -> true, () -> store.findById(id));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return store.findByEmail(email);
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return store.findByUsername(username);
    }

    @Override
    public boolean update(User user) {
        boolean updated = store.update(user);
        changed(user.id());
        return updated;
    }

    @Override
    public boolean delete(UUID id) {
        boolean deleted = store.delete(id);
        changed(id);
        return deleted;
    }

    @Override
    public List<User> list(int offset, int limit) {
        return store.list(offset, limit);
    }

    @Override
    public long count() {
        return store.count();
    }

    @Override
    public long countWithRole(Role role) {
        return store.countWithRole(role);
    }

    private void changed(UUID id) {
        byId.forget(id);
        feed.publish(new StoreEvent.UserChanged(id));
    }

    private void onEvent(StoreEvent event) {
        switch (event) {
            case StoreEvent.UserChanged changed -> byId.forget(changed.userId());
            case StoreEvent.Resync resync -> byId.forgetAll();
            case StoreEvent.SessionEnded ended -> { }
            case StoreEvent.UserSessionsEnded ended -> { }
            case StoreEvent.JtiRevoked revoked -> { }
            case StoreEvent.UserNotBeforeSet set -> { }
            case StoreEvent.KeysChanged changed -> { }
            case StoreEvent.ClientChanged changed -> { }
        }
    }
}
