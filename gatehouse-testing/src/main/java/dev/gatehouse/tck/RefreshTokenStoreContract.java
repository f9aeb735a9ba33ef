package dev.gatehouse.tck;

import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.spi.RefreshToken;
import dev.gatehouse.core.spi.RefreshTokenStore;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link RefreshTokenStore} must do. A store's test extends this class, says how to
 * make a fresh, empty store, and how to get a user that tokens may belong to (stores with a
 * foreign key from refresh tokens to users need a real one).
 *
 * <p>Time comes from a {@link MutableClock}; expiry is tested at exact boundaries, where an
 * instant equal to an expiry is already past it ({@link RefreshToken#isExpiredAt}).
 */
public abstract class RefreshTokenStoreContract {
    private static final Duration MS = Duration.ofMillis(1);

    /** The fake clock that token times are taken from. */
    protected final MutableClock clock = MutableClock.atFixedStart();

    /** The store under test, fresh for each test. */
    protected RefreshTokenStore store;

    private int tokens;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public RefreshTokenStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return a refresh token store holding nothing, not shared with any other test
     */
    protected abstract RefreshTokenStore newStore();

    /**
     * The id of a user that tokens of the current store may belong to, a different one on each
     * call. Called after {@link #newStore()}; a store without users may return a random id.
     *
     * @return the id of a user that tokens may refer to
     */
    protected abstract UUID existingUser();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @Test
    void insertedTokenIsFoundByTokenHashAndById() {
        RefreshToken token = token(existingUser());

        store.insert(token);

        assertThat(store.findByTokenHash(token.tokenHash())).contains(token);
        assertThat(store.findById(token.id())).contains(token);
    }

    @Test
    void aFamilyOfAnOpenIdClientKeepsItsClientAndScopesThroughItsLife() {
        UUID user = existingUser();
        Instant now = clock.instant();
        UUID family = UUID.randomUUID();
        ClientGrant grant = new ClientGrant("grafana", Set.of("openid", "offline_access", "email"));
        RefreshToken first = RefreshToken.active(UUID.randomUUID(), nextTokenHash(), family, user, Optional.empty(), now,
                now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), Optional.of(grant));
        RefreshToken none = RefreshToken.active(UUID.randomUUID(), nextTokenHash(), UUID.randomUUID(), user, Optional.empty(), now,
                now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), Optional.of(new ClientGrant("service", Set.of())));
        store.insert(first);
        store.insert(none);

        assertThat(store.findByTokenHash(first.tokenHash())).contains(first);
        assertThat(store.findById(none.id()).orElseThrow().grant()).as("a grant of no scope is still a grant")
                .contains(new ClientGrant("service", Set.of()));
        RefreshToken next = RefreshToken.active(UUID.randomUUID(), nextTokenHash(), family, user, Optional.empty(), now,
                now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), Optional.of(grant));
        store.insert(next);
        store.markSpent(first.id(), now, next.id());
        store.revokeFamily(family);
        assertThat(store.listFamily(family)).allSatisfy(token -> assertThat(token.grant()).contains(grant));
    }

    @Test
    void unknownKeysFindNothing() {
        store.insert(token(existingUser()));

        assertThat(store.findByTokenHash(nextTokenHash())).isEmpty();
        assertThat(store.findById(UUID.randomUUID())).isEmpty();
        assertThat(store.listFamily(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aSecondTokenWithTheSameTokenHashIsRefused() {
        UUID user = existingUser();
        RefreshToken first = token(user);
        store.insert(first);
        RefreshToken clash = RefreshToken.active(UUID.randomUUID(), first.tokenHash(), UUID.randomUUID(), user, Optional.empty(),
                clock.instant(), clock.instant().plusSeconds(60), clock.instant().plusSeconds(60));

        assertThatThrownBy(() -> store.insert(clash)).isInstanceOf(IllegalStateException.class);

        assertThat(store.findByTokenHash(first.tokenHash())).contains(first);
        assertThat(store.findById(clash.id())).isEmpty();
    }

    @Test
    void aSecondTokenWithTheSameIdIsRefused() {
        UUID user = existingUser();
        RefreshToken first = token(user);
        store.insert(first);
        RefreshToken clash = RefreshToken.active(first.id(), nextTokenHash(), UUID.randomUUID(), user, Optional.empty(),
                clock.instant(), clock.instant().plusSeconds(60), clock.instant().plusSeconds(60));

        assertThatThrownBy(() -> store.insert(clash)).isInstanceOf(IllegalStateException.class);

        assertThat(store.findById(first.id())).contains(first);
        assertThat(store.findByTokenHash(clash.tokenHash())).isEmpty();
    }

    @Test
    void everyFieldRoundTripsAtMillisecondPrecision() {
        Instant issued = Instant.parse("2026-03-04T05:06:07.891Z");
        RefreshToken token = RefreshToken.active(UUID.randomUUID(), nextTokenHash(), UUID.randomUUID(), existingUser(),
                Optional.of(UUID.randomUUID()), issued, issued.plusMillis(1), Instant.parse("9999-12-31T23:59:59.999Z"));
        store.insert(token);

        assertThat(store.findById(token.id())).contains(token);
        assertThat(store.findByTokenHash(token.tokenHash())).contains(token);
    }

    @Test
    void anAbsentSessionStaysAbsent() {
        RefreshToken token = RefreshToken.active(UUID.randomUUID(), nextTokenHash(), UUID.randomUUID(), existingUser(),
                Optional.empty(), clock.instant(), clock.instant().plusSeconds(1), clock.instant().plusSeconds(1));
        store.insert(token);

        RefreshToken found = store.findById(token.id()).orElseThrow();
        assertThat(found.sessionId()).isEmpty();
        assertThat(found).isEqualTo(token);
    }

    @Test
    void markSpentFlipsAnActiveTokenOnce() {
        RefreshToken token = token(existingUser());
        store.insert(token);
        clock.advance(Duration.ofMinutes(2));
        UUID successor = UUID.randomUUID();

        assertThat(store.markSpent(token.id(), clock.instant(), successor)).isTrue();
        assertThat(store.markSpent(token.id(), clock.instant().plusSeconds(1), UUID.randomUUID())).isFalse();

        RefreshToken expected = token.spent(clock.instant(), successor);
        assertThat(store.findById(token.id())).contains(expected);
        assertThat(store.findByTokenHash(token.tokenHash())).contains(expected);
    }

    @Test
    void rotateStoresTheSuccessorAndSpendsTheCurrentOnce() {
        UUID user = existingUser();
        RefreshToken current = token(user);
        store.insert(current);
        clock.advance(Duration.ofMinutes(2));
        RefreshToken successor = tokenIn(current.familyId(), user, current.sessionId());

        assertThat(store.rotate(successor, current.id(), clock.instant())).isTrue();

        assertThat(store.findById(current.id())).contains(current.spent(clock.instant(), successor.id()));
        assertThat(store.findByTokenHash(successor.tokenHash())).contains(successor);
        RefreshToken late = tokenIn(current.familyId(), user, current.sessionId());
        assertThat(store.rotate(late, current.id(), clock.instant())).as("a spent token is not spent twice").isFalse();
        assertThat(store.findById(current.id()).orElseThrow().replacedBy()).contains(successor.id());
    }

    @Test
    void rotatingARevokedTokenLosesTheSpend() {
        UUID user = existingUser();
        RefreshToken current = token(user);
        store.insert(current);
        store.revokeFamily(current.familyId());
        RefreshToken successor = tokenIn(current.familyId(), user, current.sessionId());

        assertThat(store.rotate(successor, current.id(), clock.instant())).isFalse();

        assertThat(store.findById(current.id())).contains(current.revoked());
        // The successor may have been stored; the caller revokes the family, which must end it.
        store.revokeFamily(current.familyId());
        assertThat(store.findById(successor.id()).map(RefreshToken::state)).isNotEqualTo(Optional.of(RefreshToken.State.ACTIVE));
    }

    @Test
    void markSpentOfARevokedOrAbsentTokenChangesNothing() {
        UUID user = existingUser();
        RefreshToken token = token(user);
        store.insert(token);
        store.revokeFamily(token.familyId());
        UUID absent = UUID.randomUUID();

        assertThat(store.markSpent(token.id(), clock.instant(), UUID.randomUUID())).isFalse();
        assertThat(store.markSpent(absent, clock.instant(), UUID.randomUUID())).isFalse();

        assertThat(store.findById(token.id())).contains(token.revoked());
        assertThat(store.findById(absent)).isEmpty();
    }

    @Test
    void markSpentDoesNotJudgeExpiry() {
        RefreshToken token = token(existingUser());
        store.insert(token);
        clock.set(token.expiresAt().plus(Duration.ofDays(1)));

        assertThat(store.markSpent(token.id(), clock.instant(), UUID.randomUUID())).isTrue();
    }

    @RepeatedTest(10)
    void concurrentMarkSpentOfOneTokenHasExactlyOneWinner() throws Exception {
        RefreshToken token = token(existingUser());
        store.insert(token);
        int threads = 16;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<UUID> successors = new ArrayList<>();
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                UUID successor = UUID.randomUUID();
                successors.add(successor);
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return store.markSpent(token.id(), clock.instant(), successor);
                }));
            }
            ready.await();
            go.countDown();
            List<UUID> winners = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                if (outcomes.get(i).get()) {
                    winners.add(successors.get(i));
                }
            }

            assertThat(winners).hasSize(1);
            assertThat(store.findById(token.id()).orElseThrow().replacedBy()).contains(winners.getFirst());
        }
    }

    @Test
    void revokeFamilyRevokesItsActiveTokensOnly() {
        UUID user = existingUser();
        UUID family = UUID.randomUUID();
        RefreshToken spent = tokenIn(family, user, Optional.empty());
        RefreshToken active = tokenIn(family, user, Optional.empty());
        RefreshToken otherFamily = token(user);
        List.of(spent, active, otherFamily).forEach(store::insert);
        store.markSpent(spent.id(), clock.instant(), active.id());

        assertThat(store.revokeFamily(family)).isEqualTo(1);
        assertThat(store.revokeFamily(family)).isZero();

        assertThat(store.findById(active.id())).contains(active.revoked());
        assertThat(store.findByTokenHash(active.tokenHash())).contains(active.revoked());
        assertThat(store.findById(spent.id()).orElseThrow().state()).as("spent stays spent, for reuse detection")
                .isEqualTo(RefreshToken.State.SPENT);
        assertThat(store.findById(otherFamily.id())).contains(otherFamily);
    }

    @Test
    void revokeAllForUserLeavesOtherUsersAlone() {
        UUID alice = existingUser();
        UUID bob = existingUser();
        List<RefreshToken> alices = List.of(token(alice), token(alice), token(alice));
        RefreshToken bobs = token(bob);
        alices.forEach(store::insert);
        store.insert(bobs);

        assertThat(store.revokeAllForUser(alice)).isEqualTo(3);
        assertThat(store.revokeAllForUser(alice)).isZero();

        alices.forEach(t -> assertThat(store.findById(t.id())).contains(t.revoked()));
        assertThat(store.findById(bobs.id())).contains(bobs);
    }

    @Test
    void revokeForSessionRevokesOnlyTokensBoundToIt() {
        UUID user = existingUser();
        UUID session = UUID.randomUUID();
        UUID family = UUID.randomUUID();
        RefreshToken first = tokenIn(family, user, Optional.of(session));
        RefreshToken second = tokenIn(family, user, Optional.of(session));
        RefreshToken otherSession = tokenIn(UUID.randomUUID(), user, Optional.of(UUID.randomUUID()));
        RefreshToken unbound = tokenIn(UUID.randomUUID(), user, Optional.empty());
        List.of(first, second, otherSession, unbound).forEach(store::insert);

        assertThat(store.revokeForSession(session)).isEqualTo(2);
        assertThat(store.revokeForSession(session)).isZero();

        assertThat(store.findById(first.id())).contains(first.revoked());
        assertThat(store.findById(second.id())).contains(second.revoked());
        assertThat(store.findById(otherSession.id())).contains(otherSession);
        assertThat(store.findById(unbound.id())).contains(unbound);
    }

    @Test
    void listFamilyIsOldestFirstAndOnlyThatFamily() {
        UUID user = existingUser();
        UUID family = UUID.randomUUID();
        RefreshToken oldest = tokenIn(family, user, Optional.empty());
        clock.advance(Duration.ofSeconds(1));
        RefreshToken middle = tokenIn(family, user, Optional.empty());
        clock.advance(MS);
        RefreshToken newest = tokenIn(family, user, Optional.empty());
        RefreshToken stranger = token(user);
        for (RefreshToken t : List.of(middle, stranger, newest, oldest)) {
            store.insert(t);
        }
        store.markSpent(oldest.id(), clock.instant(), middle.id());

        assertThat(store.listFamily(family)).containsExactly(store.findById(oldest.id()).orElseThrow(), middle, newest);
    }

    @Test
    void countActiveTreatsAnInstantEqualToTheExpiryAsExpiredAndSkipsSpentAndRevoked() {
        UUID user = existingUser();
        Instant t0 = clock.instant();
        RefreshToken early = expiring(user, t0.plus(Duration.ofMinutes(3)), t0.plus(Duration.ofMinutes(10)));
        RefreshToken late = expiring(user, t0.plus(Duration.ofMinutes(7)), t0.plus(Duration.ofMinutes(10)));
        RefreshToken spent = expiring(user, t0.plus(Duration.ofMinutes(9)), t0.plus(Duration.ofMinutes(10)));
        RefreshToken revoked = expiring(user, t0.plus(Duration.ofMinutes(9)), t0.plus(Duration.ofMinutes(10)));
        List.of(early, late, spent, revoked).forEach(store::insert);
        store.markSpent(spent.id(), t0, late.id());
        store.revokeFamily(revoked.familyId());

        assertThat(store.countActive(t0)).isEqualTo(2);
        assertThat(store.countActive(t0.plus(Duration.ofMinutes(3)).minus(MS))).isEqualTo(2);
        assertThat(store.countActive(t0.plus(Duration.ofMinutes(3)))).isEqualTo(1);
        assertThat(store.countActive(t0.plus(Duration.ofMinutes(7)).minus(MS))).isEqualTo(1);
        assertThat(store.countActive(t0.plus(Duration.ofMinutes(7)))).isZero();
    }

    @Test
    void deleteExpiredPurgesActiveAndRevokedTokensAtTheirExpiry() {
        UUID user = existingUser();
        Instant t0 = clock.instant();
        RefreshToken active = expiring(user, t0.plus(Duration.ofMinutes(3)), t0.plus(Duration.ofDays(1)));
        RefreshToken revoked = expiring(user, t0.plus(Duration.ofMinutes(5)), t0.plus(Duration.ofDays(1)));
        RefreshToken lasting = expiring(user, t0.plus(Duration.ofHours(1)), t0.plus(Duration.ofDays(1)));
        List.of(active, revoked, lasting).forEach(store::insert);
        store.revokeFamily(revoked.familyId());

        assertThat(store.deleteExpired(t0.plus(Duration.ofMinutes(3)).minus(MS))).isZero();
        assertThat(store.deleteExpired(t0.plus(Duration.ofMinutes(3)))).isEqualTo(1);
        assertThat(store.findById(active.id())).isEmpty();
        assertThat(store.findByTokenHash(active.tokenHash())).isEmpty();
        assertThat(store.deleteExpired(t0.plus(Duration.ofMinutes(5)).minus(MS))).isZero();
        assertThat(store.deleteExpired(t0.plus(Duration.ofMinutes(5)))).isEqualTo(1);
        assertThat(store.findById(revoked.id())).isEmpty();
        assertThat(store.findById(lasting.id())).contains(lasting);
    }

    @Test
    void deleteExpiredKeepsASpentTokenUntilItsFamilyEnds() {
        UUID user = existingUser();
        Instant t0 = clock.instant();
        UUID family = UUID.randomUUID();
        Instant familyEnd = t0.plus(Duration.ofHours(2));
        RefreshToken spent = new RefreshToken(UUID.randomUUID(), nextTokenHash(), family, user, Optional.empty(), t0,
                t0.plus(Duration.ofMinutes(30)), familyEnd, RefreshToken.State.ACTIVE, Optional.empty(), Optional.empty(), Optional.empty());
        RefreshToken successor = new RefreshToken(UUID.randomUUID(), nextTokenHash(), family, user, Optional.empty(), t0,
                familyEnd, familyEnd, RefreshToken.State.ACTIVE, Optional.empty(), Optional.empty(), Optional.empty());
        store.insert(spent);
        store.insert(successor);
        store.markSpent(spent.id(), t0, successor.id());

        assertThat(store.deleteExpired(t0.plus(Duration.ofMinutes(30)))).isZero();
        assertThat(store.deleteExpired(familyEnd.minus(MS))).isZero();
        assertThat(store.findById(spent.id())).isPresent();

        assertThat(store.deleteExpired(familyEnd)).isEqualTo(2);
        assertThat(store.findById(spent.id())).isEmpty();
        assertThat(store.findByTokenHash(spent.tokenHash())).isEmpty();
        assertThat(store.listFamily(family)).isEmpty();
        assertThat(store.deleteExpired(familyEnd)).isZero();
    }

    @Test
    void deleteExpiredAndCountActiveOfAnEmptyStoreAreZero() {
        assertThat(store.countActive(clock.instant())).isZero();
        assertThat(store.deleteExpired(clock.instant())).isZero();
    }

    @Test
    void revocationsOfNothingAreZero() {
        assertThat(store.revokeFamily(UUID.randomUUID())).isZero();
        assertThat(store.revokeAllForUser(UUID.randomUUID())).isZero();
        assertThat(store.revokeForSession(UUID.randomUUID())).isZero();
    }

    /**
     * An active token of a family of its own, issued now, living an hour in a day-long family.
     *
     * @param userId the user the token belongs to, such as one from {@link #existingUser()}
     * @return a new token, bound to a random session id, not yet stored
     */
    protected RefreshToken token(UUID userId) {
        return tokenIn(UUID.randomUUID(), userId, Optional.of(UUID.randomUUID()));
    }

    private RefreshToken tokenIn(UUID familyId, UUID userId, Optional<UUID> sessionId) {
        return RefreshToken.active(UUID.randomUUID(), nextTokenHash(), familyId, userId, sessionId, clock.instant(),
                clock.instant().plus(Duration.ofHours(1)), clock.instant().plus(Duration.ofDays(1)));
    }

    private RefreshToken expiring(UUID userId, Instant expiresAt, Instant familyExpiresAt) {
        return RefreshToken.active(UUID.randomUUID(), nextTokenHash(), UUID.randomUUID(), userId, Optional.empty(), clock.instant(),
                expiresAt, familyExpiresAt);
    }

    /** Distinct per call: looks like a SHA-256 in base64url, as stores see in production. */
    private String nextTokenHash() {
        tokens++;
        return "refreshhash-%031d".formatted(tokens);
    }
}
