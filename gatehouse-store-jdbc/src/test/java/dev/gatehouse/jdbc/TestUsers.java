package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.UserStore;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Real users for tests whose rows must belong to one (the foreign keys of sessions and refresh tokens). */
final class TestUsers {
    private final UserStore store;
    private final Clock clock;
    private int number;

    TestUsers(UserStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Stores a common user with this email, created now; returns their id. */
    UUID insert(String email) {
        User user = new User(UUID.randomUUID(), Optional.of(email), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Role.COMMON, "$argon2id$test", clock.instant(), clock.instant());
        assertThat(store.insert(user)).isTrue();
        return user.id();
    }

    /** Stores a user unlike any stored before; returns their id. */
    UUID next() {
        number++;
        return insert("user" + number + "@example.com");
    }

    boolean delete(UUID id) {
        return store.delete(id);
    }
}
