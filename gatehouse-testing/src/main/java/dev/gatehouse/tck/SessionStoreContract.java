package dev.gatehouse.tck;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.spi.SessionTouch;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link SessionStore} must do. A store's test extends this class, says how to make a
 * fresh, empty store, and how to get a user that sessions may belong to (stores with a foreign
 * key from sessions to users need a real one).
 *
 * <p>Time comes from a {@link MutableClock}; expiry is tested at exact boundaries, where an
 * instant equal to an expiry is already past it ({@link Session#isLiveAt}).
 */
public abstract class SessionStoreContract {
    /** The fake clock that session times are taken from. */
    protected final MutableClock clock = MutableClock.atFixedStart();

    /** The store under test, fresh for each test. */
    protected SessionStore store;

    private int tokens;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public SessionStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return a session store holding nothing, not shared with any other test
     */
    protected abstract SessionStore newStore();

    /**
     * The id of a user that sessions of the current store may belong to, a different one on each
     * call. Called after {@link #newStore()}; a store without users may return a random id.
     *
     * @return the id of a user that sessions may refer to
     */
    protected abstract UUID existingUser();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @Test
    void insertedSessionIsFoundByTokenHashAndById() {
        Session session = session(existingUser());

        store.insert(session);

        assertThat(store.findByTokenHash(session.tokenHash())).contains(session);
        assertThat(store.findById(session.id())).contains(session);
    }

    @Test
    void unknownKeysFindNothing() {
        store.insert(session(existingUser()));

        assertThat(store.findByTokenHash(nextTokenHash())).isEmpty();
        assertThat(store.findById(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aSecondSessionWithTheSameTokenHashIsRefused() {
        UUID user = existingUser();
        Session first = session(user);
        store.insert(first);
        Session clash = new Session(UUID.randomUUID(), first.tokenHash(), user, clock.instant(), clock.instant(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> store.insert(clash)).isInstanceOf(IllegalStateException.class);

        assertThat(store.findByTokenHash(first.tokenHash())).contains(first);
        assertThat(store.findById(clash.id())).isEmpty();
    }

    @Test
    void absentOptionalFieldsStayAbsent() {
        Session bare = new Session(UUID.randomUUID(), nextTokenHash(), existingUser(), clock.instant(), clock.instant(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        store.insert(bare);

        Session found = store.findById(bare.id()).orElseThrow();
        assertThat(found.absoluteExpiry()).isEmpty();
        assertThat(found.idleExpiry()).isEmpty();
        assertThat(found.userAgent()).isEmpty();
        assertThat(found.remoteAddress()).isEmpty();
        assertThat(found).isEqualTo(bare);
    }

    @Test
    void presentOptionalFieldsRoundTrip() {
        Session full = new Session(UUID.randomUUID(), nextTokenHash(), existingUser(), clock.instant(), clock.instant(),
                Optional.of(clock.instant().plus(Duration.ofDays(30))), Optional.of(clock.instant().plus(Duration.ofHours(1))),
                Optional.of("Mozilla/5.0 (X11; Linux x86_64) Navegador/1.0 «ünïcødé» 🦊"),
                Optional.of("2001:db8::1"));
        store.insert(full);

        assertThat(store.findByTokenHash(full.tokenHash())).contains(full);
    }

    @Test
    void instantsRoundTripAtMillisecondPrecision() {
        Instant created = Instant.parse("2026-03-04T05:06:07.891Z");
        Session session = new Session(UUID.randomUUID(), nextTokenHash(), existingUser(), created, created.plusMillis(1),
                Optional.of(Instant.parse("9999-12-31T23:59:59.999Z")), Optional.of(Instant.parse("1969-12-31T23:59:59.999Z")),
                Optional.empty(), Optional.empty());
        store.insert(session);

        assertThat(store.findById(session.id())).contains(session);
    }

    @Test
    void touchRecordsUseAndKeepsEverythingElse() {
        Session session = session(existingUser());
        store.insert(session);
        clock.advance(Duration.ofMinutes(3));
        Instant newIdle = clock.instant().plus(Duration.ofMinutes(30));

        assertThat(store.touch(session.id(), clock.instant(), Optional.of(newIdle))).isTrue();

        Session expected = session.seenAt(clock.instant(), Optional.of(newIdle));
        assertThat(store.findById(session.id())).contains(expected);
        assertThat(store.findByTokenHash(session.tokenHash())).contains(expected);
    }

    @Test
    void touchCanRemoveTheIdleExpiry() {
        Session session = session(existingUser());
        store.insert(session);
        clock.advance(Duration.ofSeconds(1));

        assertThat(store.touch(session.id(), clock.instant(), Optional.empty())).isTrue();

        assertThat(store.findById(session.id()).orElseThrow().idleExpiry()).isEmpty();
    }

    @Test
    void touchAllRecordsEveryUseAndSkipsSessionsThatAreGone() {
        UUID user = existingUser();
        Session first = session(user);
        Session second = session(user);
        store.insert(first);
        store.insert(second);
        clock.advance(Duration.ofMinutes(2));
        Instant newIdle = clock.instant().plus(Duration.ofMinutes(30));
        UUID missing = UUID.randomUUID();

        store.touchAll(List.of(new SessionTouch(first.id(), clock.instant(), Optional.of(newIdle)),
                new SessionTouch(missing, clock.instant(), Optional.of(newIdle)),
                new SessionTouch(second.id(), clock.instant(), Optional.empty())));

        assertThat(store.findById(first.id())).contains(first.seenAt(clock.instant(), Optional.of(newIdle)));
        assertThat(store.findById(second.id())).contains(second.seenAt(clock.instant(), Optional.empty()));
        assertThat(store.findById(missing)).isEmpty();
    }

    @Test
    void touchOfAnAbsentSessionReturnsFalseAndCreatesNothing() {
        UUID missing = UUID.randomUUID();

        assertThat(store.touch(missing, clock.instant(), Optional.of(clock.instant().plusSeconds(60)))).isFalse();

        assertThat(store.findById(missing)).isEmpty();
        assertThat(store.countLive(clock.instant())).isZero();
    }

    @Test
    void deleteRemovesTheSessionOnce() {
        UUID user = existingUser();
        Session doomed = session(user);
        Session other = session(user);
        store.insert(doomed);
        store.insert(other);

        assertThat(store.delete(doomed.id())).isTrue();
        assertThat(store.delete(doomed.id())).isFalse();

        assertThat(store.findById(doomed.id())).isEmpty();
        assertThat(store.findByTokenHash(doomed.tokenHash())).isEmpty();
        assertThat(store.findById(other.id())).contains(other);
    }

    @Test
    void deleteOfAnAbsentSessionReturnsFalse() {
        assertThat(store.delete(UUID.randomUUID())).isFalse();
    }

    @Test
    void deleteAllForUserLeavesOtherUsersAlone() {
        UUID alice = existingUser();
        UUID bob = existingUser();
        List<Session> alices = List.of(session(alice), session(alice), session(alice));
        List<Session> bobs = List.of(session(bob), session(bob));
        alices.forEach(store::insert);
        bobs.forEach(store::insert);

        assertThat(store.deleteAllForUser(alice)).isEqualTo(3);
        assertThat(store.deleteAllForUser(alice)).isZero();

        assertThat(store.listForUser(alice)).isEmpty();
        alices.forEach(s -> assertThat(store.findByTokenHash(s.tokenHash())).isEmpty());
        assertThat(store.listForUser(bob)).containsExactlyInAnyOrderElementsOf(bobs);
    }

    @Test
    void deleteAllForUserExceptKeepsOne() {
        UUID alice = existingUser();
        UUID bob = existingUser();
        Session keep = session(alice);
        List<Session> others = List.of(session(alice), session(alice));
        Session bobs = session(bob);
        store.insert(keep);
        others.forEach(store::insert);
        store.insert(bobs);

        assertThat(store.deleteAllForUserExcept(alice, keep.id())).isEqualTo(2);

        assertThat(store.listForUser(alice)).containsExactly(keep);
        others.forEach(s -> assertThat(store.findById(s.id())).isEmpty());
        assertThat(store.findById(bobs.id())).contains(bobs);
        assertThat(store.deleteAllForUserExcept(alice, keep.id())).isZero();
    }

    @Test
    void deleteAllForUserExceptDoesNotReachIntoAnotherUsersSessions() {
        UUID alice = existingUser();
        UUID bob = existingUser();
        store.insert(session(alice));
        store.insert(session(alice));
        Session bobs = session(bob);
        store.insert(bobs);

        // Keeping a session that is not Alice's keeps none of hers and touches none of Bob's.
        assertThat(store.deleteAllForUserExcept(alice, bobs.id())).isEqualTo(2);

        assertThat(store.listForUser(alice)).isEmpty();
        assertThat(store.findById(bobs.id())).contains(bobs);
    }

    @Test
    void listForUserIsNewestFirstAndOnlyTheirs() {
        UUID alice = existingUser();
        UUID bob = existingUser();
        Session oldest = session(alice);
        clock.advance(Duration.ofSeconds(1));
        Session middle = session(alice);
        clock.advance(Duration.ofMillis(1));
        Session newest = session(alice);
        Session bobs = session(bob);
        for (Session s : List.of(middle, bobs, newest, oldest)) {
            store.insert(s);
        }

        assertThat(store.listForUser(alice)).containsExactly(newest, middle, oldest);
        assertThat(store.listForUser(bob)).containsExactly(bobs);
        assertThat(store.listForUser(UUID.randomUUID())).isEmpty();
    }

    @Test
    void listForUserIncludesExpiredSessionsUntilPurged() {
        UUID alice = existingUser();
        Instant start = clock.instant();
        Session expired = sessionExpiring(alice, Optional.of(start.plusSeconds(1)), Optional.empty());
        store.insert(expired);
        clock.advance(Duration.ofMinutes(1));

        assertThat(store.listForUser(alice)).containsExactly(expired);

        store.deleteExpired(clock.instant());
        assertThat(store.listForUser(alice)).isEmpty();
    }

    @Test
    void countLiveTreatsAnInstantEqualToAnExpiryAsExpired() {
        UUID user = existingUser();
        Instant t0 = clock.instant();
        Session absoluteFirst = sessionExpiring(user, Optional.of(t0.plus(Duration.ofMinutes(3))), Optional.empty());
        Session idleFirst = sessionExpiring(user, Optional.of(t0.plus(Duration.ofMinutes(10))),
                Optional.of(t0.plus(Duration.ofMinutes(5))));
        Session idleOnly = sessionExpiring(user, Optional.empty(), Optional.of(t0.plus(Duration.ofMinutes(7))));
        Session forever = sessionExpiring(user, Optional.empty(), Optional.empty());
        List<Session> all = List.of(absoluteFirst, idleFirst, idleOnly, forever);
        all.forEach(store::insert);

        assertLiveCount(all, 4);
        clock.set(t0.plus(Duration.ofMinutes(3)).minusMillis(1));
        assertLiveCount(all, 4);
        clock.advance(Duration.ofMillis(1));
        assertLiveCount(all, 3);
        clock.set(t0.plus(Duration.ofMinutes(5)));
        assertLiveCount(all, 2);
        clock.set(t0.plus(Duration.ofMinutes(7)).minusMillis(1));
        assertLiveCount(all, 2);
        clock.advance(Duration.ofMillis(1));
        assertLiveCount(all, 1);
        clock.set(t0.plus(Duration.ofMinutes(10)));
        assertLiveCount(all, 1);
    }

    @Test
    void deleteExpiredPurgesAtExactBoundaries() {
        UUID user = existingUser();
        Instant t0 = clock.instant();
        Session absoluteFirst = sessionExpiring(user, Optional.of(t0.plus(Duration.ofMinutes(3))), Optional.empty());
        Session idleFirst = sessionExpiring(user, Optional.of(t0.plus(Duration.ofMinutes(10))),
                Optional.of(t0.plus(Duration.ofMinutes(5))));
        Session idleOnly = sessionExpiring(user, Optional.empty(), Optional.of(t0.plus(Duration.ofMinutes(7))));
        Session forever = sessionExpiring(user, Optional.empty(), Optional.empty());
        List.of(absoluteFirst, idleFirst, idleOnly, forever).forEach(store::insert);

        clock.set(t0.plus(Duration.ofMinutes(3)).minusMillis(1));
        assertThat(store.deleteExpired(clock.instant())).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(store.deleteExpired(clock.instant())).isEqualTo(1);
        assertThat(store.findById(absoluteFirst.id())).isEmpty();
        assertThat(store.findByTokenHash(absoluteFirst.tokenHash())).isEmpty();

        clock.set(t0.plus(Duration.ofMinutes(5)));
        assertThat(store.deleteExpired(clock.instant())).isEqualTo(1);
        assertThat(store.findById(idleFirst.id())).isEmpty();

        clock.set(t0.plus(Duration.ofMinutes(7)));
        assertThat(store.deleteExpired(clock.instant())).isEqualTo(1);
        assertThat(store.findById(idleOnly.id())).isEmpty();

        assertThat(store.deleteExpired(clock.instant())).isZero();
        assertThat(store.listForUser(user)).containsExactly(forever);
    }

    @Test
    void sessionsWithoutExpiryNeverExpire() {
        Session forever = sessionExpiring(existingUser(), Optional.empty(), Optional.empty());
        store.insert(forever);
        Instant farFuture = Instant.parse("9999-12-31T23:59:59.999Z");

        assertThat(store.countLive(farFuture)).isEqualTo(1);
        assertThat(store.deleteExpired(farFuture)).isZero();
        assertThat(store.findById(forever.id())).contains(forever);
    }

    @Test
    void touchingMovesTheIdleExpiryThatPurgingUses() {
        UUID user = existingUser();
        Instant t0 = clock.instant();
        Session session = sessionExpiring(user, Optional.of(t0.plus(Duration.ofMinutes(10))),
                Optional.of(t0.plus(Duration.ofMinutes(5))));
        store.insert(session);

        clock.set(t0.plus(Duration.ofMinutes(4)));
        store.touch(session.id(), clock.instant(), Optional.of(t0.plus(Duration.ofMinutes(9))));

        clock.set(t0.plus(Duration.ofMinutes(5)));
        assertThat(store.countLive(clock.instant())).isEqualTo(1);
        assertThat(store.deleteExpired(clock.instant())).isZero();
        clock.set(t0.plus(Duration.ofMinutes(9)));
        assertThat(store.countLive(clock.instant())).isZero();
        assertThat(store.deleteExpired(clock.instant())).isEqualTo(1);
    }

    @Test
    void deleteExpiredAndCountLiveOfAnEmptyStoreAreZero() {
        assertThat(store.countLive(clock.instant())).isZero();
        assertThat(store.deleteExpired(clock.instant())).isZero();
    }

    /** Checks the store's count against the sessions' own verdict, and against the expected number. */
    private void assertLiveCount(List<Session> all, long expected) {
        Instant now = clock.instant();
        assertThat(all.stream().filter(s -> s.isLiveAt(now)).count()).as("Session.isLiveAt at %s", now).isEqualTo(expected);
        assertThat(store.countLive(now)).as("countLive at %s", now).isEqualTo(expected);
    }

    /** A session started now with a one-hour idle and thirty-day absolute limit. */
    private Session session(UUID userId) {
        return sessionExpiring(userId, Optional.of(clock.instant().plus(Duration.ofDays(30))),
                Optional.of(clock.instant().plus(Duration.ofHours(1))));
    }

    private Session sessionExpiring(UUID userId, Optional<Instant> absolute, Optional<Instant> idle) {
        return new Session(UUID.randomUUID(), nextTokenHash(), userId, clock.instant(), clock.instant(), absolute, idle,
                Optional.of("test-agent"), Optional.of("192.0.2.1"));
    }

    /** Distinct per call: looks like a SHA-256 in base64url, as stores see in production. */
    private String nextTokenHash() {
        tokens++;
        return "tokenhash-%033d".formatted(tokens);
    }
}
