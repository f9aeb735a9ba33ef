package dev.gatehouse.core.internal.token;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gatehouse.core.internal.support.SecureIds;
import dev.gatehouse.core.memory.InMemoryRefreshTokenStore;
import dev.gatehouse.core.memory.InMemoryRevocationStore;
import dev.gatehouse.core.spi.RefreshToken;
import dev.gatehouse.core.spi.RefreshTokenStore;
import dev.gatehouse.core.spi.TokenHashes;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshTokenServiceTest {
    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(1);
    private static final Duration FAMILY_LIFETIME = Duration.ofDays(30);

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant t0 = clock.instant();
    private final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();
    private final InMemoryRevocationStore revocations = new InMemoryRevocationStore();
    private final RefreshTokenService service = new RefreshTokenService(store, revocations,
            new RefreshTokenPolicy(TOKEN_LIFETIME, FAMILY_LIFETIME), clock);
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final Optional<UUID> aliceSession = Optional.of(UUID.randomUUID());

    private RefreshToken stored(IssuedRefreshToken issued) {
        return store.findById(issued.record().id()).orElseThrow(() -> new AssertionError("not in the store: " + issued));
    }

    private IssuedRefreshToken rotated(String token) {
        RefreshResult result = service.rotate(token);
        assertThat(result).isInstanceOf(RefreshResult.Rotated.class);
        return ((RefreshResult.Rotated) result).next();
    }

    @Nested
    class Issue {
        @Test
        void givesAWellFormedTokenAndStoresOnlyItsSha256() throws Exception {
            IssuedRefreshToken issued = service.issue(alice, aliceSession);
            String token = issued.token();

            assertThat(SecureIds.isWellFormedToken(token)).isTrue();
            RefreshToken record = stored(issued);
            assertThat(record).isEqualTo(issued.record());
            assertThat(record.tokenHash()).isEqualTo(TokenHashes.sha256(token)).isNotEqualTo(token);
            assertThat(store.findByTokenHash(token)).isEmpty();
            for (RecordComponent component : RefreshToken.class.getRecordComponents()) {
                Object value = component.getAccessor().invoke(record);
                Object unwrapped = value instanceof Optional<?> o ? o.orElse(null) : value;
                assertThat(String.valueOf(unwrapped)).as(component.getName()).doesNotContain(token);
            }
            assertThat(issued.toString()).doesNotContain(token).contains("****");
        }

        @Test
        void beginsANewActiveFamilyBoundToTheSession() {
            IssuedRefreshToken first = service.issue(alice, aliceSession);
            IssuedRefreshToken second = service.issue(alice, aliceSession);
            RefreshToken record = first.record();

            assertThat(record.userId()).isEqualTo(alice);
            assertThat(record.sessionId()).isEqualTo(aliceSession);
            assertThat(record.state()).isEqualTo(RefreshToken.State.ACTIVE);
            assertThat(record.issuedAt()).isEqualTo(t0);
            assertThat(record.expiresAt()).isEqualTo(t0.plus(TOKEN_LIFETIME));
            assertThat(record.familyExpiresAt()).isEqualTo(t0.plus(FAMILY_LIFETIME));
            assertThat(record.spentAt()).isEmpty();
            assertThat(record.replacedBy()).isEmpty();
            assertThat(second.record().familyId()).isNotEqualTo(record.familyId());
            assertThat(second.token()).isNotEqualTo(first.token());
        }

        @Test
        void aFamilyNeedNotBeBoundToASession() {
            IssuedRefreshToken issued = service.issue(alice, Optional.empty());

            assertThat(stored(issued).sessionId()).isEmpty();
            assertThat(rotated(issued.token()).record().sessionId()).isEmpty();
        }

        @Test
        void truncatesTimesToMilliseconds() {
            clock.set(t0.plusNanos(1_234_567));

            RefreshToken record = service.issue(alice, Optional.empty()).record();

            assertThat(record.issuedAt()).isEqualTo(t0.plusMillis(1));
        }
    }

    @Nested
    class Rotation {
        @Test
        void spendsThePresentedTokenAndContinuesTheFamily() {
            IssuedRefreshToken first = service.issue(alice, aliceSession);
            clock.advance(Duration.ofMinutes(5));

            RefreshResult result = service.rotate(first.token());

            assertThat(result).isInstanceOf(RefreshResult.Rotated.class);
            RefreshResult.Rotated rotated = (RefreshResult.Rotated) result;
            assertThat(rotated.userId()).isEqualTo(alice);
            assertThat(rotated.sessionId()).isEqualTo(aliceSession);
            RefreshToken next = stored(rotated.next());
            assertThat(next.familyId()).isEqualTo(first.record().familyId());
            assertThat(next.state()).isEqualTo(RefreshToken.State.ACTIVE);
            assertThat(next.tokenHash()).isEqualTo(TokenHashes.sha256(rotated.next().token()));
            RefreshToken spent = stored(first);
            assertThat(spent.state()).isEqualTo(RefreshToken.State.SPENT);
            assertThat(spent.spentAt()).contains(clock.instant());
            assertThat(spent.replacedBy()).contains(next.id());
        }

        @Test
        void aChainOfRotationsKeepsOneActiveTokenInTheFamily() {
            IssuedRefreshToken current = service.issue(alice, aliceSession);
            List<IssuedRefreshToken> chain = new ArrayList<>(List.of(current));
            for (int i = 0; i < 10; i++) {
                clock.advance(Duration.ofHours(1));
                current = rotated(current.token());
                chain.add(current);
            }

            List<RefreshToken> family = store.listFamily(current.record().familyId());
            assertThat(family).hasSize(11);
            assertThat(family).filteredOn(t -> t.state() == RefreshToken.State.ACTIVE).containsExactly(stored(current));
            for (int i = 0; i < 10; i++) {
                assertThat(family.get(i).replacedBy()).contains(chain.get(i + 1).record().id());
            }
            assertThat(service.countActive()).isEqualTo(1);
        }

        @Test
        void eachTokenLivesItsOwnLifetimeButNoneOutlivesItsFamily() {
            IssuedRefreshToken current = service.issue(alice, aliceSession);
            Instant familyEnd = t0.plus(FAMILY_LIFETIME);
            clock.advance(Duration.ofHours(20));
            current = rotated(current.token());
            assertThat(current.record().expiresAt()).isEqualTo(clock.instant().plus(TOKEN_LIFETIME));

            // Refresh just before each token expires: the family is kept alive, until its cap.
            while (clock.instant().plus(TOKEN_LIFETIME).isBefore(familyEnd)) {
                clock.set(current.record().expiresAt().minus(MS));
                current = rotated(current.token());
            }
            assertThat(current.record().expiresAt()).isEqualTo(familyEnd);
            assertThat(current.record().familyExpiresAt()).isEqualTo(familyEnd);

            clock.set(familyEnd.minus(MS));
            current = rotated(current.token());
            assertThat(current.record().expiresAt()).isEqualTo(familyEnd);
            clock.set(familyEnd);
            assertThat(service.rotate(current.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.EXPIRED));
        }

        @Test
        void anInstantEqualToTheExpiryIsExpired() {
            IssuedRefreshToken issued = service.issue(alice, aliceSession);
            clock.set(issued.record().expiresAt());

            assertThat(service.rotate(issued.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.EXPIRED));
            assertThat(stored(issued).state()).isEqualTo(RefreshToken.State.ACTIVE);
            assertThat(store.listFamily(issued.record().familyId())).hasSize(1);
        }

        @Test
        void oneMillisecondBeforeTheExpiryStillRotates() {
            IssuedRefreshToken issued = service.issue(alice, aliceSession);
            clock.set(issued.record().expiresAt().minus(MS));

            assertThat(service.rotate(issued.token())).isInstanceOf(RefreshResult.Rotated.class);
        }

        @Test
        void theSingleSettingPolicyEndsTheFamilyOneTtlAfterSignIn() {
            RefreshTokenService single = new RefreshTokenService(store, revocations, RefreshTokenPolicy.of(Duration.ofHours(1)), clock);
            IssuedRefreshToken current = single.issue(alice, aliceSession);
            clock.advance(Duration.ofMinutes(40));
            RefreshResult result = single.rotate(current.token());
            current = ((RefreshResult.Rotated) result).next();

            assertThat(current.record().expiresAt()).isEqualTo(t0.plus(Duration.ofHours(1)));
            clock.set(t0.plus(Duration.ofHours(1)));
            assertThat(single.rotate(current.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.EXPIRED));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"not-a-token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
        void malformedTokensAreRefusedWithoutAskingTheStore(String token) {
            assertThat(service.rotate(token)).isEqualTo(new RefreshResult.Invalid(RefreshFailure.MALFORMED));
        }

        @Test
        void anUnknownTokenIsRefused() {
            service.issue(alice, aliceSession);

            assertThat(service.rotate(SecureIds.newToken())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.UNKNOWN));
            assertThat(service.countActive()).isEqualTo(1);
        }

        @Test
        void failureCodesAreStableAndDistinct() {
            assertThat(RefreshFailure.MALFORMED.code()).isEqualTo("malformed_refresh_token");
            assertThat(RefreshFailure.UNKNOWN.code()).isEqualTo("unknown_refresh_token");
            assertThat(RefreshFailure.EXPIRED.code()).isEqualTo("expired_refresh_token");
            assertThat(RefreshFailure.REVOKED.code()).isEqualTo("revoked_refresh_token");
        }
    }

    @Nested
    class ReuseDetection {
        @Test
        void presentingASpentTokenRevokesTheWholeFamilyTheNewestTokenToo() {
            IssuedRefreshToken first = service.issue(alice, aliceSession);
            IssuedRefreshToken second = rotated(first.token());
            IssuedRefreshToken third = rotated(second.token());
            IssuedRefreshToken other = service.issue(alice, aliceSession);

            RefreshResult result = service.rotate(first.token());

            assertThat(result).isEqualTo(new RefreshResult.ReuseDetected(first.record().familyId(), alice));
            assertThat(stored(third).state()).isEqualTo(RefreshToken.State.REVOKED);
            assertThat(service.rotate(third.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.REVOKED));
            assertThat(stored(first).state()).isEqualTo(RefreshToken.State.SPENT);
            assertThat(stored(second).state()).isEqualTo(RefreshToken.State.SPENT);
            assertThat(stored(other).state()).as("another family of the same user").isEqualTo(RefreshToken.State.ACTIVE);
        }

        @Test
        void aSpentTokenIsReuseEvenAfterItsOwnExpiryAndIsKeptForThat() {
            IssuedRefreshToken first = service.issue(alice, aliceSession);
            IssuedRefreshToken second = rotated(first.token());
            clock.set(second.record().expiresAt().minus(MS));
            IssuedRefreshToken third = rotated(second.token());
            clock.set(first.record().expiresAt().plus(Duration.ofHours(1)));

            assertThat(service.purgeExpired()).as("spent tokens stay until their family ends").isZero();
            RefreshResult result = service.rotate(first.token());

            assertThat(result).isInstanceOf(RefreshResult.ReuseDetected.class);
            assertThat(stored(third).state()).isEqualTo(RefreshToken.State.REVOKED);
        }

        @Test
        void reuseIsAuditedWithIdsOnlyNeverTheToken() {
            Logger logger = (Logger) LoggerFactory.getLogger(RefreshTokenService.class);
            ListAppender<ILoggingEvent> audit = new ListAppender<>();
            audit.start();
            logger.addAppender(audit);
            try {
                IssuedRefreshToken first = service.issue(alice, aliceSession);
                IssuedRefreshToken second = rotated(first.token());

                service.rotate(first.token());

                assertThat(audit.list).hasSize(1);
                ILoggingEvent event = audit.list.getFirst();
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains(first.record().familyId().toString(), alice.toString())
                        .doesNotContain(first.token(), second.token(), first.record().tokenHash(), second.record().tokenHash());
            } finally {
                logger.detachAppender(audit);
            }
        }

        @Test
        void presentingTheSpentTokenAgainIsStillReuse() {
            IssuedRefreshToken first = service.issue(alice, aliceSession);
            rotated(first.token());

            assertThat(service.rotate(first.token())).isInstanceOf(RefreshResult.ReuseDetected.class);
            assertThat(service.rotate(first.token())).isInstanceOf(RefreshResult.ReuseDetected.class);
        }
    }

    @Nested
    class ParallelRefresh {
        private static final int THREADS = 16;

        @RepeatedTest(20)
        void exactlyOneCallerRotatesAndNoChainSurvivesTheRace() throws Exception {
            IssuedRefreshToken issued = service.issue(alice, aliceSession);
            List<RefreshResult> results = race(THREADS, () -> service.rotate(issued.token()));

            List<RefreshResult.Rotated> winners = results.stream().filter(RefreshResult.Rotated.class::isInstance)
                    .map(RefreshResult.Rotated.class::cast).toList();
            assertThat(winners).hasSize(1);
            // Every loser presented a token someone else presented too: that is reuse.
            assertThat(results).filteredOn(r -> !(r instanceof RefreshResult.Rotated))
                    .hasSize(THREADS - 1)
                    .allSatisfy(r -> assertThat(r).isEqualTo(new RefreshResult.ReuseDetected(issued.record().familyId(), alice)));
            // So the family is revoked, the winner's successor too: never two chains, here not even one.
            List<RefreshToken> family = store.listFamily(issued.record().familyId());
            assertThat(family).filteredOn(t -> t.state() == RefreshToken.State.ACTIVE).isEmpty();
            assertThat(family).filteredOn(t -> t.state() == RefreshToken.State.SPENT).hasSize(1);
            assertThat(service.rotate(winners.getFirst().next().token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.REVOKED));
            assertThat(stored(issued).replacedBy()).contains(winners.getFirst().next().record().id());
        }

        @RepeatedTest(5)
        void refreshesOfDifferentFamiliesDoNotDisturbEachOther() throws Exception {
            List<IssuedRefreshToken> families = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                families.add(service.issue(alice, aliceSession));
            }
            int[] next = {0};
            List<RefreshResult> results = race(THREADS, () -> {
                IssuedRefreshToken mine;
                synchronized (next) {
                    mine = families.get(next[0]++);
                }
                return service.rotate(mine.token());
            });

            assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(RefreshResult.Rotated.class));
            assertThat(service.countActive()).isEqualTo(THREADS);
        }

        private List<RefreshResult> race(int threads, Callable<RefreshResult> call) throws Exception {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<RefreshResult>> futures = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    futures.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        return call.call();
                    }));
                }
                ready.await();
                go.countDown();
                List<RefreshResult> results = new ArrayList<>();
                for (Future<RefreshResult> f : futures) {
                    results.add(f.get());
                }
                return results;
            }
        }
    }

    @Nested
    class Revocation {
        @Test
        void revokeKillsTheWholeFamilyFromAnyOfItsTokens() {
            IssuedRefreshToken first = service.issue(alice, aliceSession);
            IssuedRefreshToken second = rotated(first.token());
            IssuedRefreshToken other = service.issue(alice, aliceSession);

            assertThat(service.revoke(first.token())).isTrue();

            assertThat(service.rotate(second.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.REVOKED));
            assertThat(stored(other).state()).isEqualTo(RefreshToken.State.ACTIVE);
        }

        @Test
        void revokeIsIdempotent() {
            IssuedRefreshToken issued = service.issue(alice, aliceSession);

            assertThat(service.revoke(issued.token())).isTrue();
            assertThat(service.revoke(issued.token())).isTrue();

            assertThat(stored(issued).state()).isEqualTo(RefreshToken.State.REVOKED);
            assertThat(service.rotate(issued.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.REVOKED));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"garbage", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
        void revokingAnUnknownOrMalformedTokenIsNoError(String token) {
            IssuedRefreshToken issued = service.issue(alice, aliceSession);

            assertThat(service.revoke(token)).isFalse();

            assertThat(stored(issued).state()).isEqualTo(RefreshToken.State.ACTIVE);
        }

        @Test
        void revokeAllForUserRevokesEveryFamilyAndSetsTheNotBeforeTime() {
            IssuedRefreshToken one = service.issue(alice, aliceSession);
            IssuedRefreshToken two = service.issue(alice, Optional.empty());
            IssuedRefreshToken bobs = service.issue(bob, Optional.empty());
            clock.advance(Duration.ofMinutes(7));

            assertThat(service.revokeAllForUser(alice)).isEqualTo(2);

            assertThat(service.rotate(one.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.REVOKED));
            assertThat(service.rotate(two.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.REVOKED));
            assertThat(service.rotate(bobs.token())).isInstanceOf(RefreshResult.Rotated.class);
            assertThat(revocations.userNotBefore(alice)).contains(t0.plus(Duration.ofMinutes(7)));
            assertThat(revocations.userNotBefore(bob)).isEmpty();
        }

        @Test
        void revokeForSessionRevokesOnlyThatSessionsFamily() {
            IssuedRefreshToken bound = service.issue(alice, aliceSession);
            IssuedRefreshToken boundNext = rotated(bound.token());
            IssuedRefreshToken otherSession = service.issue(alice, Optional.of(UUID.randomUUID()));
            IssuedRefreshToken unbound = service.issue(alice, Optional.empty());

            assertThat(service.revokeForSession(aliceSession.orElseThrow())).isEqualTo(1);

            assertThat(service.rotate(boundNext.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.REVOKED));
            assertThat(service.rotate(otherSession.token())).isInstanceOf(RefreshResult.Rotated.class);
            assertThat(service.rotate(unbound.token())).isInstanceOf(RefreshResult.Rotated.class);
            assertThat(revocations.userNotBefore(alice)).as("logout of one session is not log-out-everywhere").isEmpty();
        }

        @Test
        void aRotationThatLosesToARevocationLeavesNoLiveSuccessor() {
            IssuedRefreshToken issued = service.issue(alice, aliceSession);
            // A store that lets a logout slip in between the service's read and its spend.
            RefreshTokenStore racing = new DelegatingStore(store) {
                @Override
                public boolean markSpent(UUID id, Instant spentAt, UUID replacedBy) {
                    store.revokeForSession(aliceSession.orElseThrow());
                    return super.markSpent(id, spentAt, replacedBy);
                }
            };
            RefreshTokenService raced = new RefreshTokenService(racing, revocations, RefreshTokenPolicy.of(TOKEN_LIFETIME), clock);

            assertThat(raced.rotate(issued.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.REVOKED));

            assertThat(store.listFamily(issued.record().familyId())).hasSize(2)
                    .allSatisfy(t -> assertThat(t.state()).isEqualTo(RefreshToken.State.REVOKED));
        }
    }

    @Nested
    class Purging {
        @Test
        void purgeDeletesExpiredTokensAndRevocations() {
            IssuedRefreshToken issued = service.issue(alice, aliceSession);
            revocations.revokeJti("jti-1", t0.plus(Duration.ofMinutes(15)));
            clock.set(issued.record().expiresAt());

            assertThat(service.purgeExpired()).isEqualTo(2);

            assertThat(store.findById(issued.record().id())).isEmpty();
            assertThat(service.rotate(issued.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.UNKNOWN));
        }
    }

    @Nested
    class Policy {
        @Test
        void rejectsNonPositiveAndInconsistentLifetimes() {
            assertThatThrownBy(() -> RefreshTokenPolicy.of(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RefreshTokenPolicy.of(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RefreshTokenPolicy.of(Duration.ofNanos(10))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RefreshTokenPolicy(Duration.ofDays(2), Duration.ofDays(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter");
        }

        @Test
        void aTokenCannotBeBuiltToOutliveItsFamily() {
            assertThatThrownBy(() -> RefreshToken.active(UUID.randomUUID(), "h", UUID.randomUUID(), alice, Optional.empty(), t0,
                    t0.plusSeconds(2), t0.plusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
