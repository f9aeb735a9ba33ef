package dev.gatehouse.jdbc;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.tck.SessionStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session store contract on a SQL database, and its foreign key to users; a subclass says which database. */
abstract class JdbcSessionStoreTest extends SessionStoreContract {
    protected JdbcDatabase database;
    private TestUsers users;

    /** Opens this test's database: empty at the first call of each test, as stored since on later ones. */
    protected abstract JdbcDatabase openDatabase();

    @Override
    protected SessionStore newStore() {
        database = openDatabase();
        users = new TestUsers(new JdbcUserStore(database), clock);
        return new JdbcSessionStore(database);
    }

    @Override
    protected UUID existingUser() {
        return users.next();
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
