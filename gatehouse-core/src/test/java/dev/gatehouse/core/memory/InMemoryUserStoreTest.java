package dev.gatehouse.core.memory;

import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserNames;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryUserStoreTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryUserStore store = new InMemoryUserStore();

    private User user(String email, String username) {
        Instant now = clock.instant();
        return new User(UUID.randomUUID(), Optional.ofNullable(email), Optional.ofNullable(username), Optional.empty(), Optional.empty(),
                Optional.empty(), Role.COMMON, "$argon2id$hash", now, now);
    }

    @Test
    void insertRefusesATakenIdEmailOrUsername() {
        User alice = user("alice@example.com", "alice");
        assertThat(store.insert(alice)).isTrue();

        assertThat(store.insert(alice)).isFalse();
        assertThat(store.insert(user("alice@example.com", "other"))).isFalse();
        assertThat(store.insert(user("other@example.com", "alice"))).isFalse();
        assertThat(store.count()).isEqualTo(1);
        // A refused insert leaves no index behind.
        assertThat(store.findByEmail("other@example.com")).isEmpty();
        assertThat(store.findByUsername("other")).isEmpty();
    }

    @Test
    void findsByEachKey() {
        User alice = user("alice@example.com", "alice");
        store.insert(alice);

        assertThat(store.findById(alice.id())).contains(alice);
        assertThat(store.findByEmail("alice@example.com")).contains(alice);
        assertThat(store.findByUsername("alice")).contains(alice);
        assertThat(store.findByUsername("alice@example.com")).isEmpty();
    }

    @Test
    void updateTakesOnlyMutableFields() {
        User alice = user("alice@example.com", "alice");
        store.insert(alice);
        clock.advance(Duration.ofMinutes(1));
        User changed = new User(alice.id(), Optional.of("evil@example.com"), Optional.of("evil"), Optional.of("A"), Optional.empty(),
                Optional.empty(), Role.ADMIN, "$argon2id$other", clock.instant(), clock.instant());

        assertThat(store.update(changed)).isTrue();

        User stored = store.findById(alice.id()).orElseThrow();
        assertThat(stored.email()).contains("alice@example.com");
        assertThat(stored.username()).contains("alice");
        assertThat(stored.createdAt()).isEqualTo(alice.createdAt());
        assertThat(stored.firstName()).contains("A");
        assertThat(stored.role()).isEqualTo(Role.ADMIN);
        assertThat(stored.passwordHash()).isEqualTo("$argon2id$other");
        assertThat(stored.updatedAt()).isEqualTo(clock.instant());
        assertThat(store.findByEmail("evil@example.com")).isEmpty();
        assertThat(store.update(user("x@example.com", null))).isFalse();
    }

    @Test
    void deleteFreesTheKeys() {
        User alice = user("alice@example.com", "alice");
        store.insert(alice);

        assertThat(store.delete(alice.id())).isTrue();
        assertThat(store.delete(alice.id())).isFalse();
        assertThat(store.findByEmail("alice@example.com")).isEmpty();
        assertThat(store.insert(user("alice@example.com", "alice"))).isTrue();
    }

    @Test
    void listsInCreationOrderAndCountsRoles() {
        List<User> inserted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User u = user("u" + i + "@example.com", null);
            inserted.add(u);
            store.insert(u);
            clock.advance(Duration.ofSeconds(1));
        }
        store.update(inserted.get(2).withRole(Role.ADMIN, clock.instant()));

        assertThat(store.list(0, 100)).extracting(User::id).containsExactlyElementsOf(inserted.stream().map(User::id).toList());
        assertThat(store.list(1, 2)).extracting(User::id).containsExactly(inserted.get(1).id(), inserted.get(2).id());
        assertThat(store.countWithRole(Role.ADMIN)).isEqualTo(1);
        assertThat(store.countWithRole(Role.COMMON)).isEqualTo(4);
        assertThat(inserted.get(0).withNames(UserNames.none(), clock.instant()).id()).isEqualTo(inserted.get(0).id());
    }

    @Test
    void concurrentRegistrationsOfOneEmailHaveOneWinner() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                User u = user("same@example.com", "name" + i);
                results.add(pool.submit(() -> {
                    go.await();
                    return store.insert(u);
                }));
            }
            go.countDown();
            int wins = 0;
            for (Future<Boolean> r : results) {
                wins += r.get() ? 1 : 0;
            }

            assertThat(wins).isEqualTo(1);
            assertThat(store.count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
