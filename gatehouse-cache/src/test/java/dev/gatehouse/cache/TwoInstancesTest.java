package dev.gatehouse.cache;

import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two caching instances over one shared store and one feed, as two servers over PostgreSQL or
 * Redis: what one changes, the other stops believing.
 */
class TwoInstancesTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemorySessionStore sharedSessions = new InMemorySessionStore();
    private final InMemoryUserStore sharedUsers = new InMemoryUserStore();
    private final SwitchableFeed feed = new SwitchableFeed();
    private final CacheSettings settings = new CacheSettings(Duration.ofSeconds(10), 1000);
    private final AtomicInteger storeReads = new AtomicInteger();
    private final SessionStore countingSessions = new CountingSessionStore(sharedSessions, storeReads);
    private final CachingSessionStore a = new CachingSessionStore(countingSessions, feed, settings, clock);
    private final CachingSessionStore b = new CachingSessionStore(countingSessions, feed, settings, clock);
    private final UUID ada = UUID.randomUUID();

    private Session session(String hash, Duration idle) {
        Instant now = clock.instant();
        return new Session(UUID.randomUUID(), hash, ada, now, now, Optional.empty(), Optional.of(now.plus(idle)), Optional.empty(), Optional.empty());
    }

    @Test
    void repeatedLookupsAreServedFromTheCopy() {
        a.insert(session("hash-one-0123456789", Duration.ofHours(1)));
        for (int i = 0; i < 5; i++) {
            assertThat(b.findByTokenHash("hash-one-0123456789")).isPresent();
        }
        assertThat(storeReads.get()).isEqualTo(1);
    }

    @Test
    void aLogoutOnOneInstanceIsSeenByTheOther() {
        Session s = session("hash-one-0123456789", Duration.ofHours(1));
        a.insert(s);
        assertThat(b.findByTokenHash(s.tokenHash())).isPresent();

        a.delete(s.id());

        assertThat(b.findByTokenHash(s.tokenHash())).isEmpty();
    }

    @Test
    void loggingOutEverywhereIsSeenByTheOther() {
        Session first = session("hash-one-0123456789", Duration.ofHours(1));
        Session second = session("hash-two-0123456789", Duration.ofHours(1));
        a.insert(first);
        a.insert(second);
        assertThat(b.findByTokenHash(first.tokenHash())).isPresent();
        assertThat(b.findByTokenHash(second.tokenHash())).isPresent();

        a.deleteAllForUser(ada);

        assertThat(b.findByTokenHash(first.tokenHash())).isEmpty();
        assertThat(b.findByTokenHash(second.tokenHash())).isEmpty();
    }

    @Test
    void aCopyThatLooksIdleIsReadAgainBecauseAnotherInstanceMayHaveUsedIt() {
        Session s = session("hash-one-0123456789", Duration.ofMinutes(10));
        a.insert(s);
        assertThat(b.findByTokenHash(s.tokenHash())).isPresent();

        clock.advance(Duration.ofMinutes(8));
        a.touch(s.id(), clock.instant(), Optional.of(clock.instant().plus(Duration.ofMinutes(10))));
        clock.advance(Duration.ofMinutes(5));

        Optional<Session> seen = b.findByTokenHash(s.tokenHash());
        assertThat(seen).isPresent();
        assertThat(seen.get().isLiveAt(clock.instant())).isTrue();
    }

    @Test
    void whileTheFeedIsCutNothingIsBelievedAndAfterItNothingOldIs() {
        Session s = session("hash-one-0123456789", Duration.ofHours(1));
        a.insert(s);
        assertThat(b.findByTokenHash(s.tokenHash())).isPresent();

        feed.cut();
        a.delete(s.id()); // the event is lost
        assertThat(b.findByTokenHash(s.tokenHash())).as("the store is asked while the feed is cut").isEmpty();

        Session again = session("hash-two-0123456789", Duration.ofHours(1));
        a.insert(again);
        int before = storeReads.get();
        b.findByTokenHash(again.tokenHash());
        b.findByTokenHash(again.tokenHash());
        assertThat(storeReads.get() - before).as("nothing kept while cut").isEqualTo(2);

        feed.restore();
        assertThat(b.copies()).isZero();
    }

    @Test
    void aMissedEventIsOutlivedByTheStalenessBound() {
        Session s = session("hash-one-0123456789", Duration.ofHours(1));
        a.insert(s);
        assertThat(b.findByTokenHash(s.tokenHash())).isPresent();

        sharedSessions.delete(s.id()); // changed behind the caches' backs: no event at all

        assertThat(b.findByTokenHash(s.tokenHash())).as("within the bound the copy is still used").isPresent();
        clock.advance(settings.maxStale());
        assertThat(b.findByTokenHash(s.tokenHash())).isEmpty();
    }

    @Test
    void anEventArrivingDuringAReadIsNotUndoneByIt() {
        Session s = session("hash-one-0123456789", Duration.ofHours(1));
        sharedSessions.insert(s);
        // The store answers with the session, and while it does, another instance ends it.
        SessionStore racing = new CountingSessionStore(sharedSessions, new AtomicInteger()) {
            @Override
            public Optional<Session> findByTokenHash(String tokenHash) {
                Optional<Session> read = super.findByTokenHash(tokenHash);
                sharedSessions.delete(s.id());
                feed.publish(new dev.gatehouse.core.events.StoreEvent.SessionEnded(s.id(), Optional.of(tokenHash)));
                return read;
            }
        };
        CachingSessionStore c = new CachingSessionStore(racing, feed, settings, clock);

        assertThat(c.findByTokenHash(s.tokenHash())).as("the read itself saw it").isPresent();
        assertThat(c.copies()).as("but keeps no copy").isZero();
    }

    @Test
    void aUserChangedOnOneInstanceIsReadAgainOnTheOther() {
        CachingUserStore usersA = new CachingUserStore(sharedUsers, feed, settings, clock);
        CachingUserStore usersB = new CachingUserStore(sharedUsers, feed, settings, clock);
        User user = new User(ada, Optional.of("ada@example.com"), Optional.of("ada"), Optional.empty(), Optional.empty(),
                Optional.empty(), Role.ADMIN, "$argon2id$stub", clock.instant(), clock.instant());
        usersA.insert(user);
        assertThat(usersB.findById(ada).orElseThrow().role()).isEqualTo(Role.ADMIN);

        usersA.update(new User(ada, user.email(), user.username(), user.firstName(), user.lastName(), user.name(), Role.COMMON,
                user.passwordHash(), user.createdAt(), clock.instant()));
        assertThat(usersB.findById(ada).orElseThrow().role()).isEqualTo(Role.COMMON);

        usersA.delete(ada);
        assertThat(usersB.findById(ada)).isEmpty();
        assertThat(List.of(usersA.count(), usersB.count())).containsOnly(0L);
    }
}
