package dev.gatehouse.cache;

import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.spi.StoreEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps copies of sessions looked up by token, so that a request with a cookie costs a map
 * lookup instead of a store read, and of sessions looked up by id, which every bearer check
 * whose token is bound to a sign-in ({@code sid}) makes. Writes go to the store first; ends of sessions are published on
 * the {@link EventFeed} so every instance forgets its copy within moments.
 *
 * <p>A copy that looks expired is never acted on: it is read again from the store, because
 * another instance may have used the session and pushed its idle expiry back. Unknown tokens are
 * not remembered (a session made a moment ago on another instance must be found). While the feed
 * is not live, nothing is kept and every lookup goes to the store. Expired sessions purged from
 * the store need no event: copies are checked for liveness at every use.
 */
public final class CachingSessionStore extends ForwardingSessionStore {
    private final EventFeed feed;
    private final Clock clock;
    private final Copies<String, Session> byTokenHash;
    private final Copies<UUID, Session> byId;
    // Lets a session's copy be found by its id (touch, delete); kept in step by the cache's removals.
    private final Map<UUID, String> tokenHashById = new ConcurrentHashMap<>();

    /**
     * Caches in front of {@code store} and subscribes to {@code feed}.
     *
     * @param store    the store that holds the sessions, the only truth
     * @param feed     where ends of sessions are announced and heard from the other instances
     * @param settings how long and how many copies are kept
     * @param clock    the time that ages copies and decides whether a copy is still live
     */
    public CachingSessionStore(SessionStore store, EventFeed feed, CacheSettings settings, Clock clock) {
        super(store);
        this.feed = feed;
        this.clock = clock;
        this.byTokenHash = new Copies<>(settings, clock, feed, (hash, session, cause) -> {
            // A replaced copy is the same session under the same hash: its index entry still holds.
            if (session != null && cause != RemovalCause.REPLACED) {
                tokenHashById.remove(session.id(), hash);
            }
        });
        this.byId = new Copies<>(settings, clock, feed, (id, session, cause) -> { });
        feed.subscribe(this::onEvent);
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        // Indexed when a copy is kept, not at every hit (a hit stays a single map lookup), and not
        // for reads that keep nothing (the feed down), which nothing would ever remove again.
        return byTokenHash.get(tokenHash, copy -> copy.isLiveAt(clock.instant()), () -> store.findByTokenHash(tokenHash),
                session -> tokenHashById.put(session.id(), tokenHash));
    }

    /** How many kept copies can be found by their session's id; at most the copies kept by token hash. */
    int indexedSessions() {
        return tokenHashById.size();
    }

    @Override
    public Optional<Session> findById(UUID id) {
        return byId.get(id, copy -> copy.isLiveAt(clock.instant()), () -> store.findById(id));
    }

    @Override
    public boolean touch(UUID id, Instant lastSeenAt, Optional<Instant> idleExpiry) {
        boolean touched = store.touch(id, lastSeenAt, idleExpiry);
        if (touched) {
            byId.replaceIfPresent(id, copy -> copy.seenAt(lastSeenAt, idleExpiry));
        } else {
            byId.forget(id);
        }
        String hash = tokenHashById.get(id);
        if (hash != null) {
            if (touched) {
                byTokenHash.replaceIfPresent(hash, copy -> copy.seenAt(lastSeenAt, idleExpiry));
            } else {
                byTokenHash.forget(hash);
            }
        }
        return touched;
    }

    @Override
    public boolean delete(UUID id) {
        Optional<String> hash = Optional.ofNullable(tokenHashById.get(id));
        boolean deleted = store.delete(id);
        ended(new StoreEvent.SessionEnded(id, hash));
        return deleted;
    }

    @Override
    public int deleteAllForUser(UUID userId) {
        int deleted = store.deleteAllForUser(userId);
        ended(new StoreEvent.UserSessionsEnded(userId));
        return deleted;
    }

    @Override
    public int deleteAllForUserExcept(UUID userId, UUID keep) {
        int deleted = store.deleteAllForUserExcept(userId, keep);
        // The kept session's copy is forgotten too: one more read, and no second kind of event.
        ended(new StoreEvent.UserSessionsEnded(userId));
        return deleted;
    }

    /**
     * How many copies are held (for tests and statistics).
     *
     * @return the copies held by token and by id together, expired ones already dropped
     */
    public long copies() {
        return byTokenHash.size() + byId.size();
    }

    /** Forgets here at once, then tells the other instances. */
    private void ended(StoreEvent event) {
        onEvent(event);
        feed.publish(event);
    }

    private void onEvent(StoreEvent event) {
        switch (event) {
            // Every held copy is in the id index, so a session not found there is not held here.
            case StoreEvent.SessionEnded ended -> {
                byId.forget(ended.sessionId());
                ended.tokenHash().or(() -> Optional.ofNullable(tokenHashById.remove(ended.sessionId()))).ifPresent(byTokenHash::forget);
            }
            // A scan of the copies: fine for what is rare (a password change, log out everywhere).
            case StoreEvent.UserSessionsEnded ended -> {
                byId.forgetIf(copy -> copy.userId().equals(ended.userId()));
                byTokenHash.forgetIf(copy -> copy.userId().equals(ended.userId()));
            }
            case StoreEvent.Resync resync -> {
                byId.forgetAll();
                byTokenHash.forgetAll();
            }
            case StoreEvent.UserChanged changed -> { }
            case StoreEvent.JtiRevoked revoked -> { }
            case StoreEvent.UserNotBeforeSet set -> { }
            case StoreEvent.KeysChanged changed -> { }
            case StoreEvent.ClientChanged changed -> { }
        }
    }
}
