package dev.gatehouse.cache;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.memory.InMemoryClientStore;
import dev.gatehouse.core.memory.InMemoryRevocationStore;
import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    void aCopyReadAgainIsStillFoundByItsIdSoALogoutThroughThisInstanceEndsIt() {
        Session s = session("hash-one-0123456789", Duration.ofSeconds(5));
        a.insert(s);
        assertThat(b.findByTokenHash(s.tokenHash())).isPresent();
        // Idle by the copy, within the staleness bound; used meanwhile through another instance.
        clock.advance(Duration.ofSeconds(6));
        sharedSessions.touch(s.id(), clock.instant(), Optional.of(clock.instant().plusSeconds(5)));
        assertThat(b.findByTokenHash(s.tokenHash())).isPresent();

        b.delete(s.id());

        assertThat(b.findByTokenHash(s.tokenHash())).as("the copy read again went with the logout").isEmpty();
    }

    @Test
    void readsWhileTheFeedIsCutLeaveNothingBehind() {
        feed.cut();
        for (int i = 0; i < 50; i++) {
            Session s = session("hash-cut-" + i + "-0123456789", Duration.ofHours(1));
            sharedSessions.insert(s);
            assertThat(b.findByTokenHash(s.tokenHash())).isPresent();
        }

        assertThat(b.indexedSessions()).as("nothing kept, so nothing to find by id").isZero();
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
                feed.publish(new dev.gatehouse.core.spi.StoreEvent.SessionEnded(s.id(), Optional.of(tokenHash)));
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

    @Test
    void aClientDeletedOrChangedOnOneInstanceIsReadAgainOnTheOther() {
        InMemoryClientStore sharedClients = new InMemoryClientStore();
        CachingClientStore clientsA = new CachingClientStore(sharedClients, feed, settings, clock);
        CachingClientStore clientsB = new CachingClientStore(sharedClients, feed, settings, clock);
        assertThat(clientsB.findById("billing")).as("looked up before it exists").isEmpty();
        Client billing = new Client("billing", "Billing", ClientType.CONFIDENTIAL, Optional.of("hash-1"), Optional.empty(), List.of(), List.of(),
                Optional.empty(), Set.of("reports"), Set.of(GrantType.CLIENT_CREDENTIALS), false, false, Optional.empty(), Optional.empty(),
                clock.instant(), clock.instant());
        assertThat(clientsA.insert(billing)).isTrue();
        assertThat(clientsB.findById("billing")).as("registered on the other instance").contains(billing);

        Client rotated = new Client("billing", "Billing", ClientType.CONFIDENTIAL, Optional.of("hash-2"), Optional.empty(), List.of(), List.of(),
                Optional.empty(), Set.of("reports"), Set.of(GrantType.CLIENT_CREDENTIALS), false, false, Optional.empty(), Optional.empty(),
                billing.createdAt(), clock.instant().plusMillis(1));
        assertThat(clientsA.update(rotated, billing.updatedAt())).isTrue();
        assertThat(clientsB.findById("billing").orElseThrow().secretHash()).as("a rotated secret").contains("hash-2");

        assertThat(clientsA.delete("billing")).isTrue();
        assertThat(clientsB.findById("billing")).as("a deleted client").isEmpty();
    }

    @Test
    void aSessionLookedUpByIdIsServedFromTheCopyAndALogoutOnTheOtherInstanceEndsIt() {
        AtomicInteger byIdReads = new AtomicInteger();
        SessionStore counting = new ForwardingSessionStore(sharedSessions) {
            @Override
            public Optional<Session> findById(UUID id) {
                byIdReads.incrementAndGet();
                return store.findById(id);
            }
        };
        CachingSessionStore first = new CachingSessionStore(counting, feed, settings, clock);
        CachingSessionStore second = new CachingSessionStore(counting, feed, settings, clock);
        Session s = session("hash-one-0123456789", Duration.ofHours(1));
        first.insert(s);
        for (int i = 0; i < 3; i++) {
            assertThat(second.findById(s.id())).contains(s);
        }
        assertThat(byIdReads.get()).isEqualTo(1);

        first.delete(s.id());

        assertThat(second.findById(s.id())).isEmpty();
    }

    @Test
    void aSessionCopyByIdIsDroppedWhenTheUserLogsOutEverywhereAndReadAgainWhenItLooksIdle() {
        Session s = session("hash-one-0123456789", Duration.ofMinutes(10));
        a.insert(s);
        assertThat(b.findById(s.id())).isPresent();

        clock.advance(Duration.ofMinutes(8));
        a.touch(s.id(), clock.instant(), Optional.of(clock.instant().plus(Duration.ofMinutes(10))));
        clock.advance(Duration.ofMinutes(5));
        assertThat(b.findById(s.id())).as("read again, not refused on the old copy's idle expiry").isPresent();

        a.deleteAllForUser(ada);
        assertThat(b.findById(s.id())).isEmpty();
    }

    @Test
    void aTokenRevokedOnOneInstanceIsRefusedByTheOtherAtOnce() {
        InMemoryRevocationStore shared = new InMemoryRevocationStore();
        CachingRevocationStore revocationsA = new CachingRevocationStore(shared, feed, settings, clock);
        CachingRevocationStore revocationsB = new CachingRevocationStore(shared, feed, settings, clock);
        String jti = "jti-0123456789abcdef";
        Instant expiry = clock.instant().plus(Duration.ofMinutes(15));
        assertThat(revocationsB.isJtiRevoked(jti, clock.instant())).isFalse();

        revocationsA.revokeJti(jti, expiry);

        assertThat(revocationsB.isJtiRevoked(jti, clock.instant())).isTrue();
        assertThat(revocationsA.isJtiRevoked(jti, clock.instant())).isTrue();
        clock.advance(Duration.ofMinutes(16));
        assertThat(revocationsB.isJtiRevoked(jti, clock.instant())).as("past the token's expiry the entry is over").isFalse();
    }

    @Test
    void aNotBeforeSetOnOneInstanceIsSeenByTheOtherAndNoneSetIsRemembered() {
        AtomicInteger reads = new AtomicInteger();
        RevocationStore shared = new CountingNotBeforeReads(new InMemoryRevocationStore(), reads);
        CachingRevocationStore revocationsA = new CachingRevocationStore(shared, feed, settings, clock);
        CachingRevocationStore revocationsB = new CachingRevocationStore(shared, feed, settings, clock);
        assertThat(revocationsB.userNotBefore(ada)).isEmpty();
        assertThat(revocationsB.userNotBefore(ada)).isEmpty();
        assertThat(reads.get()).as("\"never set\" is an answer worth keeping").isEqualTo(1);

        revocationsA.setUserNotBefore(ada, clock.instant());

        assertThat(revocationsB.userNotBefore(ada)).contains(clock.instant());
    }

    @Test
    void aRevocationWhoseEventIsLostIsHonouredOnceTheFeedIsBack() {
        InMemoryRevocationStore shared = new InMemoryRevocationStore();
        CachingRevocationStore revocationsA = new CachingRevocationStore(shared, feed, settings, clock);
        CachingRevocationStore revocationsB = new CachingRevocationStore(shared, feed, settings, clock);
        String jti = "jti-0123456789abcdef";
        assertThat(revocationsB.isJtiRevoked(jti, clock.instant())).isFalse();

        feed.cut();
        revocationsA.revokeJti(jti, clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(revocationsB.isJtiRevoked(jti, clock.instant())).as("the store is asked while the feed is cut").isTrue();
        feed.restore();
        assertThat(revocationsB.isJtiRevoked(jti, clock.instant())).isTrue();
    }

    /** Counts the not-before reads that reach the store. */
    private record CountingNotBeforeReads(RevocationStore store, AtomicInteger reads) implements RevocationStore {
        @Override
        public void revokeJti(String jti, Instant expiresAt) {
            store.revokeJti(jti, expiresAt);
        }

        @Override
        public boolean isJtiRevoked(String jti, Instant now) {
            return store.isJtiRevoked(jti, now);
        }

        @Override
        public void setUserNotBefore(UUID userId, Instant notBefore) {
            store.setUserNotBefore(userId, notBefore);
        }

        @Override
        public Optional<Instant> userNotBefore(UUID userId) {
            reads.incrementAndGet();
            return store.userNotBefore(userId);
        }

        @Override
        public int deleteExpired(Instant now) {
            return store.deleteExpired(now);
        }
    }
}
