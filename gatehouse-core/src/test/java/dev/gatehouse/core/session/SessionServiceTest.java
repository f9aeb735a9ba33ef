package dev.gatehouse.core.session;

import dev.gatehouse.core.internal.support.SecureIds;
import dev.gatehouse.core.memory.InMemorySessionClientStore;
import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.spi.TokenHashes;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionServiceTest {
    private static final Duration MS = Duration.ofMillis(1);

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant t0 = clock.instant();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final InMemorySessionClientStore sessionClients = new InMemorySessionClientStore();
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    private SessionService service(Duration absolute, Duration idle) {
        return new SessionService(store, sessionClients, new SessionPolicy(absolute, idle), clock);
    }

    private Session stored(Session session) {
        return store.findById(session.id()).orElseThrow(() -> new AssertionError("session not in the store: " + session));
    }

    @Nested
    class Start {
        private final SessionService sessions = service(Duration.ofDays(30), Duration.ofHours(2));

        @Test
        void givesAWellFormedTokenAndStoresOnlyItsSha256() throws Exception {
            StartedSession started = sessions.start(alice, new ClientInfo(Optional.of("Firefox"), Optional.of("192.0.2.1")));
            String token = started.token();

            assertThat(SecureIds.isWellFormedToken(token)).isTrue();
            Session session = stored(started.session());
            assertThat(session).isEqualTo(started.session());
            assertThat(session.tokenHash()).isEqualTo(TokenHashes.sha256(token)).isNotEqualTo(token);
            assertThat(store.findByTokenHash(TokenHashes.sha256(token))).contains(session);
            assertThat(store.findByTokenHash(token)).isEmpty();
            for (RecordComponent component : Session.class.getRecordComponents()) {
                Object value = component.getAccessor().invoke(session);
                Object unwrapped = value instanceof Optional<?> o ? o.orElse(null) : value;
                assertThat(String.valueOf(unwrapped)).as(component.getName()).doesNotContain(token);
            }
        }

        @Test
        void recordsTimesAndClient() {
            Session session = sessions.start(alice, new ClientInfo(Optional.of("Firefox"), Optional.of("192.0.2.1"))).session();

            assertThat(session.userId()).isEqualTo(alice);
            assertThat(session.createdAt()).isEqualTo(t0);
            assertThat(session.lastSeenAt()).isEqualTo(t0);
            assertThat(session.absoluteExpiry()).contains(t0.plus(Duration.ofDays(30)));
            assertThat(session.idleExpiry()).contains(t0.plus(Duration.ofHours(2)));
            assertThat(session.expiresAt()).contains(t0.plus(Duration.ofHours(2)));
            assertThat(session.userAgent()).contains("Firefox");
            assertThat(session.remoteAddress()).contains("192.0.2.1");
        }

        @Test
        void longUserAgentIsCut() {
            Session session = sessions.start(alice, new ClientInfo(Optional.of("x".repeat(1000)), Optional.empty())).session();

            assertThat(session.userAgent()).hasValueSatisfying(ua -> assertThat(ua).hasSize(256));
        }

        @Test
        void everyStartGetsANewTokenAndId() {
            Set<String> tokens = new HashSet<>();
            Set<UUID> ids = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                StartedSession started = sessions.start(alice, ClientInfo.unknown());
                tokens.add(started.token());
                ids.add(started.session().id());
            }

            assertThat(tokens).hasSize(50);
            assertThat(ids).hasSize(50);
            assertThat(sessions.list(alice)).hasSize(50);
        }

        @Test
        void toStringsHideTheTokenAndItsHash() {
            StartedSession started = sessions.start(alice, ClientInfo.unknown());

            assertThat(started.toString()).doesNotContain(started.token()).doesNotContain(started.session().tokenHash());
            assertThat(started.session().toString()).doesNotContain(started.session().tokenHash());
        }

        @Test
        void unlimitedPolicyGivesASessionThatNeverExpires() {
            SessionService unlimited = new SessionService(store, sessionClients, SessionPolicy.unlimited(), clock);
            StartedSession started = unlimited.start(alice, ClientInfo.unknown());

            assertThat(started.session().expiresAt()).isEmpty();
            clock.advance(Duration.ofDays(10 * 365));
            assertThat(unlimited.resolve(started.token())).isPresent();
        }
    }

    @Nested
    class Resolve {
        private final SessionService sessions = service(Duration.ofDays(1), Duration.ZERO);

        @Test
        void findsTheSessionOfItsToken() {
            StartedSession a = sessions.start(alice, ClientInfo.unknown());
            StartedSession b = sessions.start(bob, ClientInfo.unknown());

            assertThat(sessions.resolve(a.token())).map(Session::id).contains(a.session().id());
            assertThat(sessions.resolve(b.token())).map(Session::userId).contains(bob);
        }

        @Test
        void unknownTokenIsEmpty() {
            sessions.start(alice, ClientInfo.unknown());

            assertThat(sessions.resolve(SecureIds.newToken())).isEmpty();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"abc", "not a token at all, not even close to one!!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB"})
        void malformedTokenIsEmpty(String token) {
            assertThat(sessions.resolve(token)).isEmpty();
        }

        @Test
        void tokenWithExtraCharactersIsEmpty() {
            StartedSession started = sessions.start(alice, ClientInfo.unknown());

            assertThat(sessions.resolve(started.token() + "A")).isEmpty();
            assertThat(sessions.resolve(" " + started.token())).isEmpty();
            assertThat(sessions.resolve(started.token().substring(1))).isEmpty();
            assertThat(sessions.resolve(started.token())).isPresent();
        }
    }

    @Nested
    class AbsoluteExpiry {
        private final SessionService sessions = service(Duration.ofHours(1), Duration.ZERO);

        @Test
        void liveUntilTheLastMillisecondDeadAtTheBoundary() {
            StartedSession started = sessions.start(alice, ClientInfo.unknown());

            clock.set(t0.plus(Duration.ofHours(1)).minus(MS));
            assertThat(sessions.resolve(started.token())).isPresent();

            clock.advance(MS);
            assertThat(sessions.resolve(started.token())).isEmpty();
        }

        @Test
        void useDoesNotExtendIt() {
            SessionService both = service(Duration.ofHours(1), Duration.ofMinutes(30));
            StartedSession started = both.start(alice, ClientInfo.unknown());

            clock.advance(Duration.ofMinutes(20));
            assertThat(both.resolve(started.token())).isPresent();
            clock.advance(Duration.ofMinutes(20));
            assertThat(both.resolve(started.token())).isPresent();
            clock.advance(Duration.ofMinutes(20));

            // t0 + 60 min: the idle window would still be open (last use at +40 min), the absolute one is not.
            assertThat(stored(started.session()).idleExpiry()).contains(t0.plus(Duration.ofMinutes(70)));
            assertThat(both.resolve(started.token())).isEmpty();
        }

        @Test
        void expiredSessionIsDeletedOnSight() {
            StartedSession started = sessions.start(alice, ClientInfo.unknown());
            clock.advance(Duration.ofHours(2));

            assertThat(store.findById(started.session().id())).as("kept until looked at or purged").isPresent();
            assertThat(sessions.resolve(started.token())).isEmpty();
            assertThat(store.findById(started.session().id())).isEmpty();
            assertThat(store.findByTokenHash(started.session().tokenHash())).isEmpty();
        }
    }

    @Nested
    class IdleTimeout {
        // 30 min idle: the touch interval is min(1 min, 30 min / 20) = 1 min.
        private final SessionService sessions = service(Duration.ZERO, Duration.ofMinutes(30));

        @Test
        void unusedSessionExpiresExactlyAtTheTimeout() {
            StartedSession started = sessions.start(alice, ClientInfo.unknown());

            clock.set(t0.plus(Duration.ofMinutes(30)));

            assertThat(sessions.resolve(started.token())).isEmpty();
            assertThat(store.findById(started.session().id())).isEmpty();
        }

        @Test
        void unusedSessionIsLiveOneMillisecondBefore() {
            StartedSession started = sessions.start(alice, ClientInfo.unknown());

            clock.set(t0.plus(Duration.ofMinutes(30)).minus(MS));

            assertThat(sessions.resolve(started.token())).isPresent();
        }

        @Test
        void useExtendsIt() {
            StartedSession started = sessions.start(alice, ClientInfo.unknown());

            clock.advance(Duration.ofMinutes(20));
            Session seen = sessions.resolve(started.token()).orElseThrow();
            assertThat(seen.lastSeenAt()).isEqualTo(t0.plus(Duration.ofMinutes(20)));
            assertThat(seen.idleExpiry()).contains(t0.plus(Duration.ofMinutes(50)));
            assertThat(stored(started.session())).isEqualTo(seen);

            clock.advance(Duration.ofMinutes(20));   // t0 + 40 min: past the first window, inside the second
            assertThat(sessions.resolve(started.token())).isPresent();

            clock.advance(Duration.ofMinutes(30));   // t0 + 70 min: 30 min after the last use
            assertThat(sessions.resolve(started.token())).isEmpty();
        }

        @Test
        void keepsLivingAsLongAsItIsUsed() {
            StartedSession started = sessions.start(alice, ClientInfo.unknown());

            for (int i = 0; i < 48; i++) {   // a day of use every half hour minus a minute
                clock.advance(Duration.ofMinutes(29));
                assertThat(sessions.resolve(started.token())).as("use %d", i).isPresent();
            }
        }
    }

    @Nested
    class TouchInterval {
        // 10 min idle: the touch interval is 10 min / 20 = 30 s.
        private final SessionService sessions = service(Duration.ZERO, Duration.ofMinutes(10));

        @Test
        void useWithinTheIntervalWritesNothing() {
            StartedSession started = sessions.start(alice, ClientInfo.unknown());
            assertThat(sessions.policy().touchInterval()).isEqualTo(Duration.ofSeconds(30));

            clock.advance(Duration.ofSeconds(30).minus(MS));
            Session seen = sessions.resolve(started.token()).orElseThrow();

            assertThat(seen.lastSeenAt()).isEqualTo(t0);
            assertThat(stored(started.session()).lastSeenAt()).isEqualTo(t0);
            assertThat(stored(started.session()).idleExpiry()).contains(t0.plus(Duration.ofMinutes(10)));
        }

        @Test
        void useAtTheIntervalWritesTheNewTimes() {
            StartedSession started = sessions.start(alice, ClientInfo.unknown());

            clock.advance(Duration.ofSeconds(30));
            Session seen = sessions.resolve(started.token()).orElseThrow();

            Instant now = t0.plusSeconds(30);
            assertThat(seen.lastSeenAt()).isEqualTo(now);
            assertThat(stored(started.session()).lastSeenAt()).isEqualTo(now);
            assertThat(stored(started.session()).idleExpiry()).contains(now.plus(Duration.ofMinutes(10)));
        }

        @Test
        void useWithinTheIntervalDoesNotExtendTheIdleWindow() {
            StartedSession started = sessions.start(alice, ClientInfo.unknown());

            clock.advance(Duration.ofSeconds(29));
            assertThat(sessions.resolve(started.token())).isPresent();

            // The use at +29 s was not recorded, so the session ends 10 min after the start: the slack costs at most 30 s.
            clock.set(t0.plus(Duration.ofMinutes(10)));
            assertThat(sessions.resolve(started.token())).isEmpty();
        }
    }

    @Nested
    class Ending {
        private final SessionService sessions = service(Duration.ofDays(1), Duration.ZERO);

        @Test
        void endByToken() {
            StartedSession started = sessions.start(alice, ClientInfo.unknown());

            assertThat(sessions.end(started.token())).isTrue();
            assertThat(sessions.resolve(started.token())).isEmpty();
            assertThat(sessions.end(started.token())).isFalse();
            assertThat(sessions.end("malformed")).isFalse();
            assertThat(sessions.end(null)).isFalse();
        }

        @Test
        void endOwnedRefusesAnotherUsersSession() {
            StartedSession alices = sessions.start(alice, ClientInfo.unknown());

            assertThat(sessions.endOwned(bob, alices.session().id())).isFalse();
            assertThat(sessions.resolve(alices.token())).isPresent();

            assertThat(sessions.endOwned(alice, alices.session().id())).isTrue();
            assertThat(sessions.resolve(alices.token())).isEmpty();
            assertThat(sessions.endOwned(alice, alices.session().id())).isFalse();
            assertThat(sessions.endOwned(alice, UUID.randomUUID())).isFalse();
        }

        @Test
        void endAllEndsOnlyThatUsersSessions() {
            StartedSession a1 = sessions.start(alice, ClientInfo.unknown());
            StartedSession a2 = sessions.start(alice, ClientInfo.unknown());
            StartedSession b1 = sessions.start(bob, ClientInfo.unknown());

            assertThat(sessions.endAll(alice)).isEqualTo(2);

            assertThat(sessions.resolve(a1.token())).isEmpty();
            assertThat(sessions.resolve(a2.token())).isEmpty();
            assertThat(sessions.resolve(b1.token())).isPresent();
            assertThat(sessions.endAll(alice)).isZero();
        }

        @Test
        void endAllExceptKeepsOne() {
            StartedSession a1 = sessions.start(alice, ClientInfo.unknown());
            StartedSession a2 = sessions.start(alice, ClientInfo.unknown());
            StartedSession a3 = sessions.start(alice, ClientInfo.unknown());

            assertThat(sessions.endAllExcept(alice, a2.session().id())).isEqualTo(2);

            assertThat(sessions.resolve(a1.token())).isEmpty();
            assertThat(sessions.resolve(a2.token())).isPresent();
            assertThat(sessions.resolve(a3.token())).isEmpty();
        }
    }

    @Nested
    class Listing {
        private final SessionService sessions = service(Duration.ofHours(1), Duration.ZERO);

        @Test
        void listIsNewestFirstAndLeavesOutExpiredAndOthers() {
            StartedSession oldest = sessions.start(alice, ClientInfo.unknown());
            clock.advance(Duration.ofMinutes(20));
            StartedSession middle = sessions.start(alice, ClientInfo.unknown());
            clock.advance(Duration.ofMinutes(20));
            StartedSession newest = sessions.start(alice, ClientInfo.unknown());
            sessions.start(bob, ClientInfo.unknown());

            assertThat(sessions.list(alice)).extracting(Session::id)
                    .containsExactly(newest.session().id(), middle.session().id(), oldest.session().id());

            clock.advance(Duration.ofMinutes(20));   // t0 + 60 min: the oldest has expired
            assertThat(sessions.list(alice)).extracting(Session::id).containsExactly(newest.session().id(), middle.session().id());
            assertThat(sessions.countLive()).isEqualTo(3);
        }

        @Test
        void purgeDeletesOnlyExpiredSessions() {
            StartedSession first = sessions.start(alice, ClientInfo.unknown());
            StartedSession second = sessions.start(bob, ClientInfo.unknown());
            clock.advance(Duration.ofMinutes(30));
            StartedSession third = sessions.start(alice, ClientInfo.unknown());
            clock.advance(Duration.ofMinutes(30));   // the first two end now

            assertThat(sessions.purgeExpired()).isEqualTo(2);

            assertThat(store.findById(first.session().id())).isEmpty();
            assertThat(store.findById(second.session().id())).isEmpty();
            assertThat(store.findById(third.session().id())).isPresent();
            assertThat(sessions.resolve(third.token())).isPresent();
            assertThat(sessions.purgeExpired()).isZero();
            assertThat(sessions.countLive()).isEqualTo(1);
        }
    }

    @Nested
    class Policy {
        @Test
        void refusesNegativeLifetimes() {
            assertThatThrownBy(() -> new SessionPolicy(Duration.ofSeconds(-1), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SessionPolicy(Duration.ZERO, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void touchIntervalIsATwentiethOfTheIdleTimeoutAtMostAMinute() {
            assertThat(new SessionPolicy(Duration.ZERO, Duration.ofMinutes(10)).touchInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(new SessionPolicy(Duration.ZERO, Duration.ofMinutes(20)).touchInterval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(new SessionPolicy(Duration.ZERO, Duration.ofDays(7)).touchInterval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(new SessionPolicy(Duration.ZERO, Duration.ofSeconds(2)).touchInterval()).isEqualTo(Duration.ofMillis(100));
            assertThat(SessionPolicy.unlimited().touchInterval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(SessionPolicy.unlimited().hasAbsoluteLimit()).isFalse();
            assertThat(SessionPolicy.unlimited().hasIdleLimit()).isFalse();
        }

        @Test
        void sessionLivenessAtItsExpiries() {
            Session s = new Session(UUID.randomUUID(), "h", alice, t0, t0, Optional.of(t0.plusSeconds(10)), Optional.of(t0.plusSeconds(5)),
                    Optional.empty(), Optional.empty());

            assertThat(s.expiresAt()).contains(t0.plusSeconds(5));
            assertThat(s.isLiveAt(t0.plusSeconds(5).minus(MS))).isTrue();
            assertThat(s.isLiveAt(t0.plusSeconds(5))).isFalse();
            Session seen = s.seenAt(t0.plusSeconds(4), Optional.of(t0.plusSeconds(20)));
            assertThat(seen.lastSeenAt()).isEqualTo(t0.plusSeconds(4));
            assertThat(seen.isLiveAt(t0.plusSeconds(10).minus(MS))).isTrue();
            assertThat(seen.isLiveAt(t0.plusSeconds(10))).isFalse();
            assertThat(seen.expiresAt()).contains(t0.plusSeconds(10));
        }
    }

    /** Every way a session ends here marks the clients it signed in to: they are due to be told at once. */
    @Nested
    class ClientsOfASession {
        private final SessionService sessions = service(Duration.ofHours(12), Duration.ofMinutes(30));
        private final ClientInfo browser = new ClientInfo(Optional.empty(), Optional.empty());

        private SessionClient recorded(Session session, String client) {
            return sessionClients.find(session.id(), client).orElseThrow();
        }

        private void assertEndedNow(Session session, String client) {
            assertThat(recorded(session, client)).isEqualTo(new SessionClient(session.id(), client, session.userId(), clock.instant(), true, 0));
        }

        @Test
        void aSignInToAClientIsFirstLookedAtAMinuteLater() {
            Session session = sessions.start(alice, browser).session();

            sessions.recordClient(session, "grafana");

            assertThat(recorded(session, "grafana"))
                    .isEqualTo(new SessionClient(session.id(), "grafana", alice, t0.plus(SessionService.FIRST_CLIENT_CHECK), false, 0));
        }

        @Test
        void endingBySignOutOrByIdMarksTheSessionsClients() {
            StartedSession byToken = sessions.start(alice, browser);
            StartedSession returning = sessions.start(alice, browser);
            Session byId = sessions.start(alice, browser).session();
            for (Session session : List.of(byToken.session(), returning.session(), byId)) {
                sessions.recordClient(session, "grafana");
            }
            clock.advance(Duration.ofSeconds(5));

            assertThat(sessions.end(byToken.token())).isTrue();
            assertThat(sessions.endReturning(returning.token())).isPresent();
            assertThat(sessions.endOwned(bob, byId.id())).isFalse();
            assertThat(recorded(byId, "grafana").ended()).as("not ended by another user").isFalse();
            assertThat(sessions.endOwned(alice, byId.id())).isTrue();

            assertEndedNow(byToken.session(), "grafana");
            assertEndedNow(returning.session(), "grafana");
            assertEndedNow(byId, "grafana");
        }

        @Test
        void endingAllOrAllButOneMarksThoseSessionsClients() {
            Session kept = sessions.start(alice, browser).session();
            Session other = sessions.start(alice, browser).session();
            Session bobs = sessions.start(bob, browser).session();
            for (Session session : List.of(kept, other, bobs)) {
                sessions.recordClient(session, "grafana");
            }

            sessions.endAllExcept(alice, kept.id());
            assertEndedNow(other, "grafana");
            assertThat(recorded(kept, "grafana").ended()).isFalse();

            sessions.endAll(alice);
            assertEndedNow(kept, "grafana");
            assertThat(recorded(bobs, "grafana").ended()).isFalse();
        }

        @Test
        void aSessionFoundExpiredIsEndedWithItsClients() {
            StartedSession started = sessions.start(alice, browser);
            sessions.recordClient(started.session(), "grafana");
            clock.advance(Duration.ofMinutes(30));

            assertThat(sessions.resolve(started.token())).isEmpty();

            assertEndedNow(started.session(), "grafana");
        }
    }
}
