package dev.gatehouse.core.authn;

import dev.gatehouse.core.TestHashers;
import dev.gatehouse.core.memory.InMemorySessionClientStore;
import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.password.PasswordHashingBusyException;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.user.NewUser;
import dev.gatehouse.core.user.PasswordChange;
import dev.gatehouse.core.user.Registration;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserNames;
import dev.gatehouse.core.user.UserService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A verified Basic credential is remembered briefly; everything that should end it does, and failures never enter. */
class BasicCredentialCacheTest {
    private static final String PASSWORD = "open sesame!";
    private static final Duration TTL = Duration.ofSeconds(60);

    private final MutableClock clock = MutableClock.atFixedStart();
    private final UserService users = new UserService(new InMemoryUserStore(), TestHashers.fast(), clock);
    /** Every full verification hashes a password (or the dummy): counting them counts hashes. */
    private final AtomicInteger hashes = new AtomicInteger();
    private final BasicCredentialCache cache = new BasicCredentialCache(users::find, (login, password) -> {
        hashes.incrementAndGet();
        return users.authenticate(login, password);
    }, clock, TTL, 100);
    private final User alice = register("alice@example.com", "alice");

    private User register(String email, String username) {
        Registration r = users.register(new NewUser(Optional.of(email), Optional.of(username), PASSWORD, UserNames.none(), Role.COMMON));
        return ((Registration.Registered) r).user();
    }

    @Test
    void aHitAvoidsTheHash() {
        assertThat(cache.authenticate("alice", PASSWORD)).contains(alice);
        assertThat(cache.authenticate("alice", PASSWORD)).contains(alice);
        assertThat(cache.cached("alice", PASSWORD)).contains(alice);
        assertThat(hashes).hasValue(1);
    }

    @Test
    void anEntryEndsAfterTheTimeToLive() {
        cache.authenticate("alice", PASSWORD);
        clock.advance(TTL.minusMillis(1));
        assertThat(cache.cached("alice", PASSWORD)).contains(alice);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.cached("alice", PASSWORD)).isEmpty();
        assertThat(cache.authenticate("alice", PASSWORD)).contains(alice);
        assertThat(hashes).hasValue(2);
    }

    @Test
    void aPasswordChangeEndsTheEntryAtOnce() {
        cache.authenticate("alice", PASSWORD);
        assertThat(users.setPassword(alice.id(), "a brand new secret")).isInstanceOf(PasswordChange.Changed.class);
        assertThat(cache.cached("alice", PASSWORD)).isEmpty();
        assertThat(cache.authenticate("alice", PASSWORD)).isEmpty();
        assertThat(cache.authenticate("alice", "a brand new secret")).isPresent();
        assertThat(hashes).hasValue(3);
    }

    @Test
    void aDeletedUsersEntryEnds() {
        cache.authenticate("alice", PASSWORD);
        users.delete(alice.id());
        assertThat(cache.authenticate("alice", PASSWORD)).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aWrongPasswordNeverHitsAndIsNeverRemembered() {
        cache.authenticate("alice", PASSWORD);
        for (String wrong : new String[] {"open sesame?", "open sesame", "OPEN SESAME!", "", PASSWORD + " "}) {
            assertThat(cache.cached("alice", wrong)).isEmpty();
            assertThat(cache.authenticate("alice", wrong)).isEmpty();
        }
        assertThat(cache.authenticate("mallory", PASSWORD)).isEmpty();
        assertThat(cache.size()).as("only the one success").isEqualTo(1);
        assertThat(hashes).as("every failure went to the full check").hasValue(7);
    }

    @Test
    void anotherUsersLoginWithTheSamePasswordIsNotTheirEntry() {
        User bob = register("bob@example.com", "bob");
        assertThat(cache.authenticate("alice", PASSWORD)).contains(alice);
        assertThat(cache.authenticate("bob", PASSWORD)).contains(bob);
        assertThat(cache.authenticate("alice", PASSWORD)).contains(alice);
        assertThat(hashes).hasValue(2);
    }

    @Test
    void theCacheStaysWithinItsBound() {
        BasicCredentialCache small = new BasicCredentialCache(users::find, users::authenticate, clock, TTL, 3);
        for (int i = 0; i < 10; i++) {
            User user = register("user" + i + "@example.com", "user" + i);
            assertThat(small.authenticate("user" + i, PASSWORD)).contains(user);
            assertThat(small.size()).isBetween(1, 3);
        }
    }

    @Test
    void badSettingsAreRefusedAtOnce() {
        assertThatThrownBy(() -> new BasicCredentialCache(users::find, users::authenticate, clock, Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BasicCredentialCache(users::find, users::authenticate, clock, TTL, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAuthenticatorServesBasicFromTheCache() {
        SessionService sessions = new SessionService(new InMemorySessionStore(), new InMemorySessionClientStore(), SessionPolicy.unlimited(), clock);
        Authenticator authenticator = new Authenticator(users, sessions, EnumSet.allOf(AuthMethod.class), Optional.empty(), Optional.of(cache));
        Credential.Basic basic = new Credential.Basic("alice", PASSWORD);
        assertThat(authenticator.cachedBasic(basic)).isEmpty();
        AuthResult expected = new AuthResult.Authenticated(alice, AuthMethod.BASIC, Optional.empty());
        assertThat(authenticator.authenticate(basic)).isEqualTo(expected);
        assertThat(authenticator.cachedBasic(basic)).contains((AuthResult.Authenticated) expected);
        assertThat(authenticator.authenticate(basic)).isEqualTo(expected);
        assertThat(authenticator.authenticate(new Credential.Basic("alice", "wrong one"))).isEqualTo(new AuthResult.Rejected(Rejection.INVALID_CREDENTIALS));
        assertThat(hashes).hasValue(2);

        Authenticator basicOff = new Authenticator(users, sessions, EnumSet.of(AuthMethod.SESSION), Optional.empty(), Optional.of(cache));
        assertThat(basicOff.cachedBasic(basic)).isEmpty();
    }

    @Test
    void concurrentMissesOfOneCredentialShareOneVerificationAndItsAnswer() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BasicCredentialCache gated = new BasicCredentialCache(users::find, (login, password) -> {
            hashes.incrementAndGet();
            entered.countDown();
            await(release);
            return users.authenticate(login, password);
        }, clock, TTL, 100);
        List<CompletableFuture<Optional<User>>> answers = new ArrayList<>();
        answers.add(CompletableFuture.supplyAsync(() -> gated.authenticate("alice", PASSWORD)));
        await(entered);
        List<Thread> followers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CompletableFuture<Optional<User>> answer = new CompletableFuture<>();
            Thread follower = Thread.ofPlatform().start(() -> answer.complete(gated.authenticate("alice", PASSWORD)));
            followers.add(follower);
            answers.add(answer);
        }
        awaitAllWaiting(followers);

        release.countDown();

        for (CompletableFuture<Optional<User>> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).contains(alice);
        }
        assertThat(hashes).as("one hash for five callers").hasValue(1);
    }

    @Test
    void aFailureOfTheSharedVerificationReachesEveryCallerWaitingForIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BasicCredentialCache gated = new BasicCredentialCache(users::find, (login, password) -> {
            entered.countDown();
            await(release);
            throw new PasswordHashingBusyException();
        }, clock, TTL, 100);
        CompletableFuture<Optional<User>> leader = CompletableFuture.supplyAsync(() -> gated.authenticate("alice", PASSWORD));
        await(entered);
        CompletableFuture<Throwable> followerFailure = new CompletableFuture<>();
        Thread follower = Thread.ofPlatform().start(() -> {
            try {
                gated.authenticate("alice", PASSWORD);
                followerFailure.complete(null);
            } catch (RuntimeException e) {
                followerFailure.complete(e);
            }
        });
        awaitAllWaiting(List.of(follower));

        release.countDown();

        assertThat(followerFailure.get(10, TimeUnit.SECONDS)).isInstanceOf(PasswordHashingBusyException.class);
        assertThatThrownBy(() -> leader.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(PasswordHashingBusyException.class);
        assertThat(gated.size()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Spins (no sleeping) until every thread is parked: waiting for the shared verification. */
    private static void awaitAllWaiting(List<Thread> threads) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the callers never waited");
            }
            Thread.onSpinWait();
        }
    }
}
