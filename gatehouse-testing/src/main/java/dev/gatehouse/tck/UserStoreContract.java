package dev.gatehouse.tck;

import dev.gatehouse.core.spi.UserStore;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link UserStore} must do. A store's test extends this class and says how to make a
 * fresh, empty store; each test gets its own.
 *
 * <p>Instants are millisecond-aligned, as {@code UserService} writes them: a store must keep at
 * least that precision.
 */
public abstract class UserStoreContract {
    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0SN1v9J1k+QFKWcPe3YFbxZ8aPvYgA1kNrNAfq1yKuE";
    private static final int RACERS = 16;

    /** The fake clock that user timestamps are taken from. */
    protected final MutableClock clock = MutableClock.atFixedStart();

    /** The store under test, fresh for each test. */
    protected UserStore store;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public UserStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return a user store holding nothing, not shared with any other test
     */
    protected abstract UserStore newStore();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    @Test
    void insertedUserIsFoundByIdEmailAndUsername() {
        User alice = user("alice@example.com", "alice");

        assertThat(store.insert(alice)).isTrue();

        assertThat(store.findById(alice.id())).contains(alice);
        assertThat(store.findByEmail("alice@example.com")).contains(alice);
        assertThat(store.findByUsername("alice")).contains(alice);
    }

    @Test
    void unknownKeysFindNothing() {
        store.insert(user("alice@example.com", "alice"));

        assertThat(store.findById(UUID.randomUUID())).isEmpty();
        assertThat(store.findByEmail("bob@example.com")).isEmpty();
        assertThat(store.findByUsername("bob")).isEmpty();
        // The email of one user is not the username of anyone.
        assertThat(store.findByUsername("alice@example.com")).isEmpty();
        assertThat(store.findByEmail("alice")).isEmpty();
    }

    @Test
    void takenIdIsRefusedAndNothingIsStored() {
        User alice = user("alice@example.com", "alice");
        store.insert(alice);
        User sameId = copyWithKeys(alice.id(), Optional.of("bob@example.com"), Optional.of("bob"));

        assertThat(store.insert(sameId)).isFalse();

        assertThat(store.findById(alice.id())).contains(alice);
        assertThat(store.findByEmail("bob@example.com")).isEmpty();
        assertThat(store.findByUsername("bob")).isEmpty();
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void takenEmailIsRefusedAndNothingIsStored() {
        User alice = user("alice@example.com", "alice");
        store.insert(alice);
        User impostor = user("alice@example.com", "impostor");

        assertThat(store.insert(impostor)).isFalse();

        assertThat(store.findById(impostor.id())).isEmpty();
        assertThat(store.findByUsername("impostor")).isEmpty();
        assertThat(store.findByEmail("alice@example.com")).contains(alice);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void takenUsernameIsRefusedAndNothingIsStored() {
        User alice = user("alice@example.com", "alice");
        store.insert(alice);
        User impostor = user("impostor@example.com", "alice");

        assertThat(store.insert(impostor)).isFalse();

        assertThat(store.findById(impostor.id())).isEmpty();
        assertThat(store.findByEmail("impostor@example.com")).isEmpty();
        assertThat(store.findByUsername("alice")).contains(alice);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void absentEmailsAndUsernamesDoNotCollide() {
        // SQL treats NULLs as distinct in a unique index; a store must not count "absent" as a value.
        assertThat(store.insert(user(Optional.of("a@example.com"), Optional.empty()))).isTrue();
        assertThat(store.insert(user(Optional.of("b@example.com"), Optional.empty()))).isTrue();
        assertThat(store.insert(user(Optional.empty(), Optional.of("carol")))).isTrue();
        assertThat(store.insert(user(Optional.empty(), Optional.of("dave")))).isTrue();

        assertThat(store.count()).isEqualTo(4);
    }

    @Test
    void concurrentInsertsOfOneEmailHaveExactlyOneWinner() throws Exception {
        List<User> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            racers.add(user("same@example.com", "racer" + i));
        }

        List<User> winners = race(racers);

        assertThat(winners).hasSize(1);
        assertThat(store.findByEmail("same@example.com")).contains(winners.getFirst());
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void concurrentInsertsOfOneUsernameHaveExactlyOneWinner() throws Exception {
        List<User> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            racers.add(user("racer" + i + "@example.com", "same"));
        }

        List<User> winners = race(racers);

        assertThat(winners).hasSize(1);
        assertThat(store.findByUsername("same")).contains(winners.getFirst());
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void updateChangesOnlyTheMutableFields() {
        User alice = user("alice@example.com", "alice");
        store.insert(alice);
        clock.advance(Duration.ofMinutes(5));
        User changed = new User(alice.id(), Optional.of("mallory@example.com"), Optional.of("mallory"),
                Optional.of("Alice"), Optional.of("Liddell"), Optional.of("Alice Liddell"), Role.ADMIN,
                HASH + "new", clock.instant().minus(Duration.ofDays(365)), clock.instant());

        assertThat(store.update(changed)).isTrue();

        User expected = new User(alice.id(), alice.email(), alice.username(), changed.firstName(), changed.lastName(),
                changed.name(), Role.ADMIN, HASH + "new", alice.createdAt(), clock.instant());
        assertThat(store.findById(alice.id())).contains(expected);
        assertThat(store.findByEmail("alice@example.com")).contains(expected);
        assertThat(store.findByUsername("alice")).contains(expected);
        assertThat(store.findByEmail("mallory@example.com")).isEmpty();
        assertThat(store.findByUsername("mallory")).isEmpty();
    }

    @Test
    void updateCanClearNames() {
        User alice = new User(UUID.randomUUID(), Optional.of("alice@example.com"), Optional.empty(), Optional.of("Alice"),
                Optional.of("Liddell"), Optional.of("Alice Liddell"), Role.COMMON, HASH, clock.instant(), clock.instant());
        store.insert(alice);

        User cleared = new User(alice.id(), alice.email(), alice.username(), Optional.empty(), Optional.empty(),
                Optional.empty(), alice.role(), alice.passwordHash(), alice.createdAt(), alice.updatedAt());
        assertThat(store.update(cleared)).isTrue();

        assertThat(store.findById(alice.id())).contains(cleared);
    }

    @Test
    void updateOfAnAbsentUserIsRefusedAndStoresNothing() {
        User ghost = user("ghost@example.com", "ghost");

        assertThat(store.update(ghost)).isFalse();

        assertThat(store.findById(ghost.id())).isEmpty();
        assertThat(store.findByEmail("ghost@example.com")).isEmpty();
        assertThat(store.count()).isZero();
    }

    @Test
    void deleteRemovesTheUserOnce() {
        User alice = user("alice@example.com", "alice");
        User bob = user("bob@example.com", "bob");
        store.insert(alice);
        store.insert(bob);

        assertThat(store.delete(alice.id())).isTrue();
        assertThat(store.delete(alice.id())).isFalse();

        assertThat(store.findById(alice.id())).isEmpty();
        assertThat(store.findByEmail("alice@example.com")).isEmpty();
        assertThat(store.findByUsername("alice")).isEmpty();
        assertThat(store.findById(bob.id())).contains(bob);
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void deleteOfAnAbsentUserReturnsFalse() {
        store.insert(user("alice@example.com", "alice"));

        assertThat(store.delete(UUID.randomUUID())).isFalse();
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void deleteFreesTheEmailAndUsername() {
        User alice = user("alice@example.com", "alice");
        store.insert(alice);
        store.delete(alice.id());
        User newAlice = user("alice@example.com", "alice");

        assertThat(store.insert(newAlice)).isTrue();

        assertThat(store.findByEmail("alice@example.com")).contains(newAlice);
        assertThat(store.findByUsername("alice")).contains(newAlice);
    }

    @Test
    void listIsOrderedByCreationTimeThenId() {
        Instant t0 = clock.instant();
        // Ids run against creation order, so that neither order alone passes; among equal
        // creation times the lower id comes first.
        User first = userAt(id(9), "first", t0);
        User tieLow = userAt(id(2), "tielow", t0.plusMillis(1));
        User tieHigh = userAt(id(3), "tiehigh", t0.plusMillis(1));
        User last = userAt(id(1), "last", t0.plusSeconds(60));
        for (User u : List.of(last, tieHigh, first, tieLow)) {
            store.insert(u);
        }

        assertThat(store.list(0, 10)).containsExactly(first, tieLow, tieHigh, last);
    }

    @Test
    void listPagesWithOffsetAndLimit() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(userAt(UUID.randomUUID(), "user" + i, clock.instant().plusSeconds(i)));
        }
        for (User u : users.reversed()) {
            store.insert(u);
        }

        assertThat(store.list(0, 2)).containsExactly(users.get(0), users.get(1));
        assertThat(store.list(2, 2)).containsExactly(users.get(2), users.get(3));
        assertThat(store.list(4, 2)).containsExactly(users.get(4));
        assertThat(store.list(5, 2)).isEmpty();
        assertThat(store.list(0, 100)).containsExactlyElementsOf(users);
        assertThat(store.list(0, 0)).isEmpty();
    }

    @Test
    void listRefusesANegativeOffsetOrLimit() {
        store.insert(user("alice@example.com", "alice"));

        assertThatThrownBy(() -> store.list(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listOfAnEmptyStoreIsEmpty() {
        assertThat(store.list(0, 10)).isEmpty();
        assertThat(store.count()).isZero();
    }

    @Test
    void countsFollowInsertsUpdatesAndDeletes() {
        List<User> commons = List.of(user("c1@example.com", "c1"), user("c2@example.com", "c2"), user("c3@example.com", "c3"));
        List<User> admins = List.of(user("a1@example.com", "a1").withRole(Role.ADMIN, clock.instant()),
                user("a2@example.com", "a2").withRole(Role.ADMIN, clock.instant()));
        commons.forEach(store::insert);
        admins.forEach(store::insert);

        assertThat(store.count()).isEqualTo(5);
        assertThat(store.countWithRole(Role.COMMON)).isEqualTo(3);
        assertThat(store.countWithRole(Role.ADMIN)).isEqualTo(2);

        store.update(commons.getFirst().withRole(Role.ADMIN, clock.instant()));
        store.delete(admins.getLast().id());

        assertThat(store.count()).isEqualTo(4);
        assertThat(store.countWithRole(Role.COMMON)).isEqualTo(2);
        assertThat(store.countWithRole(Role.ADMIN)).isEqualTo(2);
    }

    @Test
    void absentOptionalFieldsStayAbsent() {
        User emailOnly = user(Optional.of("only-email@example.com"), Optional.empty());
        User usernameOnly = user(Optional.empty(), Optional.of("only-username"));
        store.insert(emailOnly);
        store.insert(usernameOnly);

        User foundByEmail = store.findByEmail("only-email@example.com").orElseThrow();
        assertThat(foundByEmail.username()).isEmpty();
        assertThat(foundByEmail.firstName()).isEmpty();
        assertThat(foundByEmail.lastName()).isEmpty();
        assertThat(foundByEmail.name()).isEmpty();
        assertThat(foundByEmail).isEqualTo(emailOnly);
        User foundByUsername = store.findByUsername("only-username").orElseThrow();
        assertThat(foundByUsername.email()).isEmpty();
        assertThat(foundByUsername).isEqualTo(usernameOnly);
    }

    @Test
    void unicodeRoundTrips() {
        User zoe = new User(UUID.randomUUID(), Optional.of("zoë@exämple.de"), Optional.of("zoë_łukasz"),
                Optional.of("Zoë"), Optional.of("Ørsted-Łukasiewicz"), Optional.of("山田 太郎 🦊"), Role.COMMON, HASH,
                clock.instant(), clock.instant());
        store.insert(zoe);

        assertThat(store.findById(zoe.id())).contains(zoe);
        assertThat(store.findByEmail("zoë@exämple.de")).contains(zoe);
        assertThat(store.findByUsername("zoë_łukasz")).contains(zoe);
        // Lookups are exact: no accent folding.
        assertThat(store.findByUsername("zoe_lukasz")).isEmpty();
    }

    @Test
    void aLookupByAKeyHoldingANulCharacterFindsNothing() {
        // Login names reach the store as typed. Nothing stored holds U+0000 (the service refuses
        // control characters), so the answer is "no such user", never a failure.
        store.insert(user("alice@example.com", "alice"));

        assertThat(store.findByEmail("alice@example.com\u0000")).isEmpty();
        assertThat(store.findByUsername("alice\u0000")).isEmpty();
        assertThat(store.findByUsername("\u0000")).isEmpty();
    }

    @Test
    void emptyStringsAreNotConfusedWithAbsence() {
        User blank = new User(UUID.randomUUID(), Optional.of("blank@example.com"), Optional.empty(), Optional.of(""),
                Optional.empty(), Optional.of(""), Role.COMMON, HASH, clock.instant(), clock.instant());
        store.insert(blank);

        assertThat(store.findById(blank.id())).contains(blank);
    }

    @Test
    void instantsRoundTripAtMillisecondPrecision() {
        Instant created = Instant.parse("1969-12-31T23:59:59.999Z");
        Instant updated = Instant.parse("9999-12-31T23:59:59.999Z");
        User user = new User(UUID.randomUUID(), Optional.of("time@example.com"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Role.COMMON, HASH, created, updated);
        store.insert(user);

        User found = store.findById(user.id()).orElseThrow();
        assertThat(found.createdAt()).isEqualTo(created);
        assertThat(found.updatedAt()).isEqualTo(updated);

        Instant later = Instant.parse("2026-03-04T05:06:07.891Z");
        store.update(found.withPasswordHash(HASH, later));
        assertThat(store.findById(user.id()).orElseThrow().updatedAt()).isEqualTo(later);
    }

    /** Inserts all users at once from separate threads; returns those whose insert succeeded. */
    private List<User> race(List<User> racers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        try {
            CountDownLatch ready = new CountDownLatch(racers.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (User racer : racers) {
                Callable<Boolean> insert = () -> {
                    ready.countDown();
                    go.await();
                    return store.insert(racer);
                };
                results.add(pool.submit(insert));
            }
            ready.await();
            go.countDown();
            List<User> winners = new ArrayList<>();
            for (int i = 0; i < racers.size(); i++) {
                if (results.get(i).get(30, TimeUnit.SECONDS)) {
                    winners.add(racers.get(i));
                }
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }

    private User user(String email, String username) {
        return user(Optional.of(email), Optional.of(username));
    }

    private User user(Optional<String> email, Optional<String> username) {
        return new User(UUID.randomUUID(), email, username, Optional.empty(), Optional.empty(), Optional.empty(),
                Role.COMMON, HASH, clock.instant(), clock.instant());
    }

    private User userAt(UUID id, String username, Instant createdAt) {
        return new User(id, Optional.of(username + "@example.com"), Optional.of(username), Optional.empty(),
                Optional.empty(), Optional.empty(), Role.COMMON, HASH, createdAt, createdAt);
    }

    private User copyWithKeys(UUID id, Optional<String> email, Optional<String> username) {
        return new User(id, email, username, Optional.empty(), Optional.empty(), Optional.empty(), Role.COMMON, HASH,
                clock.instant(), clock.instant());
    }

    /**
     * An id whose order is the same whether compared as a {@link UUID} (signed halves) or as
     * text (what SQL databases do): both halves keep the same sign across all ids made here.
     */
    private static UUID id(int n) {
        return UUID.fromString("10000000-0000-4000-8000-%012d".formatted(n));
    }
}
