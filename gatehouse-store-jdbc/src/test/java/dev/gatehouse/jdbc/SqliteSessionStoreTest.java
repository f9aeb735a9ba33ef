package dev.gatehouse.jdbc;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.tck.SessionStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteSessionStoreTest extends SessionStoreContract {
    @TempDir
    Path dir;

    private JdbcDatabase database;
    private JdbcUserStore users;
    private int userNumber;

    @Override
    protected SessionStore newStore() {
        database = JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("gatehouse.db"));
        users = new JdbcUserStore(database);
        return new JdbcSessionStore(database);
    }

    @Override
    protected UUID existingUser() {
        userNumber++;
        User user = new User(UUID.randomUUID(), Optional.of("user" + userNumber + "@example.com"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Role.COMMON, "$argon2id$test", clock.instant(),
                clock.instant());
        assertThat(users.insert(user)).isTrue();
        return user.id();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void deletingAUserDeletesTheirSessions() {
        UUID alice = existingUser();
        UUID bob = existingUser();
        Session alices = session(alice);
        Session bobs = session(bob);
        store.insert(alices);
        store.insert(session(alice));
        store.insert(bobs);

        assertThat(users.delete(alice)).isTrue();

        assertThat(store.listForUser(alice)).isEmpty();
        assertThat(store.findByTokenHash(alices.tokenHash())).isEmpty();
        assertThat(store.listForUser(bob)).containsExactly(bobs);
    }

    @Test
    void aSessionForAnUnknownUserIsRefused() {
        Session orphan = session(UUID.randomUUID());

        assertThatThrownBy(() -> store.insert(orphan))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("user does not exist");

        assertThat(store.findById(orphan.id())).isEmpty();
    }

    private Session session(UUID userId) {
        return new Session(UUID.randomUUID(), "hash-" + UUID.randomUUID(), userId, clock.instant(), clock.instant(),
                Optional.of(clock.instant().plus(Duration.ofDays(1))), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
