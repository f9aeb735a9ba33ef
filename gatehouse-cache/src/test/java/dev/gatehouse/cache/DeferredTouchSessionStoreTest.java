package dev.gatehouse.cache;

import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.spi.SessionTouch;
import dev.gatehouse.core.spi.StoreUnavailableException;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.testing.Eventually;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Touches noted in memory, seen by reads at once, written together; flushes are called by the tests. */
class DeferredTouchSessionStoreTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final List<Integer> batches = new ArrayList<>();
    private boolean storeDown;
    private final InMemorySessionStore memory = new InMemorySessionStore();
    private final SessionStore shared = new ForwardingSessionStore(memory) {
        @Override
        public void touchAll(Collection<SessionTouch> touches) {
            if (storeDown) {
                throw new StoreUnavailableException("session store: touch sessions failed: down");
            }
            batches.add(touches.size());
            store.touchAll(touches);
        }
    };
    private final DeferredTouchSessionStore deferred = new DeferredTouchSessionStore(shared);

    private Session session(String hash) {
        Instant now = clock.instant();
        Session s = new Session(UUID.randomUUID(), hash, UUID.randomUUID(), now, now, Optional.empty(),
                Optional.of(now.plus(Duration.ofMinutes(30))), Optional.empty(), Optional.empty());
        deferred.insert(s);
        return s;
    }

    private Optional<Instant> idleExpiryIn(Duration fromNow) {
        return Optional.of(clock.instant().plus(fromNow));
    }

    @Test
    void aTouchIsSeenByReadsAtOnceAndWrittenOnlyByTheFlush() {
        Session s = session("hash-one-0123456789");
        clock.advance(Duration.ofMinutes(29));

        assertThat(deferred.touch(s.id(), clock.instant(), idleExpiryIn(Duration.ofMinutes(30)))).isTrue();
        clock.advance(Duration.ofMinutes(2)); // past the idle expiry the store still holds

        assertThat(memory.findById(s.id()).orElseThrow().isLiveAt(clock.instant())).as("not written yet").isFalse();
        assertThat(deferred.findByTokenHash(s.tokenHash()).orElseThrow().isLiveAt(clock.instant())).isTrue();
        assertThat(deferred.findById(s.id()).orElseThrow().isLiveAt(clock.instant())).isTrue();
        assertThat(deferred.listForUser(s.userId())).singleElement().matches(seen -> seen.isLiveAt(clock.instant()));

        deferred.flush();

        assertThat(memory.findById(s.id()).orElseThrow().isLiveAt(clock.instant())).isTrue();
        assertThat(deferred.pending()).isZero();
    }

    @Test
    void touchesOfManySessionsGoInOneWriteAndTheLaterUseOfOneSessionWins() {
        Session a = session("hash-one-0123456789");
        Session b = session("hash-two-0123456789");
        clock.advance(Duration.ofMinutes(2));
        Instant later = clock.instant();
        deferred.touch(a.id(), later, idleExpiryIn(Duration.ofMinutes(30)));
        deferred.touch(a.id(), later.minusSeconds(60), idleExpiryIn(Duration.ofMinutes(29))); // arrives late, is older
        deferred.touch(b.id(), later, idleExpiryIn(Duration.ofMinutes(30)));

        deferred.flush();

        assertThat(batches).containsExactly(2);
        assertThat(memory.findById(a.id()).orElseThrow().lastSeenAt()).isEqualTo(later);
        assertThat(memory.findById(b.id()).orElseThrow().lastSeenAt()).isEqualTo(later);
    }

    @Test
    void aFailedWriteKeepsTheTouchesForTheNextFlush() {
        Session s = session("hash-one-0123456789");
        clock.advance(Duration.ofMinutes(2));
        deferred.touch(s.id(), clock.instant(), idleExpiryIn(Duration.ofMinutes(30)));

        storeDown = true;
        deferred.flush();
        assertThat(deferred.pending()).isEqualTo(1);
        assertThat(deferred.findById(s.id()).orElseThrow().lastSeenAt()).isEqualTo(clock.instant());

        storeDown = false;
        deferred.flush();
        assertThat(deferred.pending()).isZero();
        assertThat(memory.findById(s.id()).orElseThrow().lastSeenAt()).isEqualTo(clock.instant());
    }

    @Test
    void aDeletedSessionStaysDeletedAndItsTouchIsDropped() {
        Session s = session("hash-one-0123456789");
        deferred.touch(s.id(), clock.instant().plusSeconds(60), idleExpiryIn(Duration.ofMinutes(31)));

        assertThat(deferred.delete(s.id())).isTrue();
        deferred.flush();

        assertThat(deferred.pending()).isZero();
        assertThat(deferred.findById(s.id())).isEmpty();
        assertThat(batches).isEmpty();
    }

    @Test
    void closingWritesWhatIsStillNoted() {
        Session s = session("hash-one-0123456789");
        clock.advance(Duration.ofMinutes(2));
        deferred.touch(s.id(), clock.instant(), idleExpiryIn(Duration.ofMinutes(30)));

        deferred.close();

        assertThat(memory.findById(s.id()).orElseThrow().lastSeenAt()).isEqualTo(clock.instant());
    }

    @Test
    void aTouchAfterCloseIsWrittenAtOnceAndNeverBehindAnOlderOne() {
        Session s = session("hash-one-0123456789");
        deferred.close();
        storeDown = true;
        clock.advance(Duration.ofMinutes(1));
        Instant older = clock.instant();
        deferred.touch(s.id(), older, idleExpiryIn(Duration.ofMinutes(30)));
        assertThat(deferred.pending()).isOne();

        storeDown = false;
        clock.advance(Duration.ofMinutes(1));
        deferred.touch(s.id(), clock.instant(), idleExpiryIn(Duration.ofMinutes(30)));

        assertThat(deferred.pending()).isZero();
        assertThat(memory.findById(s.id()).orElseThrow().lastSeenAt()).isEqualTo(clock.instant());
    }

    @Test
    void aStartedStoreWritesByItself() {
        Session s;
        try (DeferredTouchSessionStore started = DeferredTouchSessionStore.start(shared)) {
            Instant now = clock.instant();
            s = new Session(UUID.randomUUID(), "hash-one-0123456789", UUID.randomUUID(), now, now, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
            started.insert(s);
            Instant seen = now.plusSeconds(90);
            started.touch(s.id(), seen, Optional.empty());
            Eventually.await("the touch written", () -> memory.findById(s.id()).orElseThrow().lastSeenAt().equals(seen));
        }
    }
}
