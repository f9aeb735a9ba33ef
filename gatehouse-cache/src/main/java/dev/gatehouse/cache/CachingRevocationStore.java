package dev.gatehouse.cache;

import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.core.spi.StoreEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Remembers the answers every bearer check asks of the revocation store: "is this token id on
 * the denylist?" and "since when does this user refuse tokens?". A bearer request then costs no
 * store read for either.
 *
 * <p>Only "not revoked" is remembered for a token id: a revoked id is rare, and asked again it
 * costs one read, while remembering it could only ever be right until its expiry. Revocations go
 * to the store first, then are published on the {@link EventFeed}, so every instance forgets its
 * answer within moments (on this one, at once). While the feed is not live every check reads the
 * store, as in {@link CachingSessionStore}.
 */
public final class CachingRevocationStore implements RevocationStore {
    /** A remembered "no revocation of this id is in force". */
    private record NotRevoked() {
    }

    /** A remembered not-before time, including "none was ever set", the common answer. */
    private record NotBefore(Optional<Instant> at) {
    }

    private static final NotRevoked NOT_REVOKED = new NotRevoked();

    private final RevocationStore store;
    private final EventFeed feed;
    private final Copies<String, NotRevoked> notRevoked;
    private final Copies<UUID, NotBefore> notBefore;

    /**
     * Caches in front of {@code store} and subscribes to {@code feed}.
     *
     * @param store    the store that holds the revocations, the only truth
     * @param feed     where revocations are announced and heard from the other instances
     * @param settings how long and how many answers are kept
     * @param clock    the time that ages remembered answers
     */
    public CachingRevocationStore(RevocationStore store, EventFeed feed, CacheSettings settings, Clock clock) {
        this.store = store;
        this.feed = feed;
        this.notRevoked = new Copies<>(settings, clock, feed, (jti, answer, cause) -> { });
        this.notBefore = new Copies<>(settings, clock, feed, (user, answer, cause) -> { });
        feed.subscribe(this::onEvent);
    }

    @Override
    public void revokeJti(String jti, Instant expiresAt) {
        store.revokeJti(jti, expiresAt);
        announce(new StoreEvent.JtiRevoked(jti));
    }

    @Override
    public boolean isJtiRevoked(String jti, Instant now) {
        // A revoked id loads as empty, which Copies never keeps.
        return notRevoked.get(jti, answer -> true,
                () -> store.isJtiRevoked(jti, now) ? Optional.empty() : Optional.of(NOT_REVOKED)).isEmpty();
    }

    @Override
    public void setUserNotBefore(UUID userId, Instant at) {
        store.setUserNotBefore(userId, at);
        announce(new StoreEvent.UserNotBeforeSet(userId));
    }

    @Override
    public Optional<Instant> userNotBefore(UUID userId) {
        return notBefore.get(userId, answer -> true, () -> Optional.of(new NotBefore(store.userNotBefore(userId))))
                .flatMap(NotBefore::at);
    }

    @Override
    public int deleteExpired(Instant now) {
        // Only revocations past their tokens' expiry go; a "not revoked" answer stays true.
        return store.deleteExpired(now);
    }

    /** Forgets here at once, then tells the other instances. */
    private void announce(StoreEvent event) {
        onEvent(event);
        feed.publish(event);
    }

    private void onEvent(StoreEvent event) {
        switch (event) {
            case StoreEvent.JtiRevoked revoked -> notRevoked.forget(revoked.jti());
            case StoreEvent.UserNotBeforeSet set -> notBefore.forget(set.userId());
            case StoreEvent.Resync resync -> {
                notRevoked.forgetAll();
                notBefore.forgetAll();
            }
            case StoreEvent.SessionEnded ended -> { }
            case StoreEvent.UserSessionsEnded ended -> { }
            case StoreEvent.UserChanged changed -> { }
            case StoreEvent.KeysChanged changed -> { }
            case StoreEvent.ClientChanged changed -> { }
        }
    }
}
