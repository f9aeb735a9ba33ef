package dev.gatehouse.jdbc;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.tck.SessionStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session store contract on a SQL database, and its foreign key to users; once on each database. */
@SqlMatrix
class JdbcSessionStoreTest extends SessionStoreContract {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    /** Few, so that a test crosses transaction boundaries without loading 100,000 rows. */
    private static final int ROWS_PER_TRANSACTION = 40;

    protected JdbcDatabase database;
    private TestUsers users;
    private JdbcSessionStore jdbcStore;

    /** Opens this test's database: empty at the first call of each test, as stored since on later ones. */
    protected JdbcDatabase openDatabase() {
        return databases.open(kind);
    }

    @Override
    protected SessionStore newStore() {
        database = openDatabase();
        users = new TestUsers(new JdbcUserStore(database), clock);
        jdbcStore = new JdbcSessionStore(database);
        return jdbcStore;
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

    @Test
    void aPurgeLargerThanOneBatchDeletesEveryExpiredSessionAndNoOther() throws Exception {
        UUID alice = existingUser();
        int expired = Sql.PURGE_BATCH * 2 + 7;
        // Written in one transaction: a row at a time would cost a durable commit each on SQLite.
        try (java.sql.Connection c = database.writes().getConnection();
             java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO sessions (id, token_hash, user_id, created_at, "
                     + "last_seen_at, absolute_expiry) VALUES (?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            long now = clock.instant().toEpochMilli();
            for (int i = 0; i < expired; i++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "expired-" + i);
                insert.setString(3, alice.toString());
                insert.setLong(4, now);
                insert.setLong(5, now);
                insert.setLong(6, now + 1000);
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }
        Session live = session(alice);
        store.insert(live);

        clock.advance(Duration.ofHours(1));
        assertThat(store.deleteExpired(clock.instant())).isEqualTo(expired);

        assertThat(store.listForUser(alice)).containsExactly(live);
    }

    @Test
    void insertAllStoresMoreSessionsThanOneTransactionHolds() {
        UUID alice = existingUser();
        UUID bob = existingUser();
        List<Session> sessions = IntStream.range(0, ROWS_PER_TRANSACTION + 3).mapToObj(i -> session(i % 2 == 0 ? alice : bob)).toList();

        jdbcStore.insertAll(sessions, ROWS_PER_TRANSACTION);

        assertThat(store.listForUser(alice)).hasSize(ROWS_PER_TRANSACTION / 2 + 2);
        assertThat(store.listForUser(bob)).hasSize(ROWS_PER_TRANSACTION / 2 + 1);
        assertThat(store.findByTokenHash(sessions.getLast().tokenHash())).contains(sessions.getLast());
        assertThat(store.findById(sessions.getFirst().id())).contains(sessions.getFirst());
    }

    @Test
    void insertAllRollsBackTheTransactionWithADuplicateAndKeepsTheOnesBefore() {
        UUID alice = existingUser();
        List<Session> sessions = new ArrayList<>(IntStream.range(0, ROWS_PER_TRANSACTION + 2).mapToObj(i -> session(alice)).toList());
        sessions.add(sessions.getFirst()); // in the second transaction

        assertThatThrownBy(() -> jdbcStore.insertAll(sessions, ROWS_PER_TRANSACTION)).isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("insert sessions");

        assertThat(store.listForUser(alice)).hasSize(ROWS_PER_TRANSACTION);
        assertThat(store.findByTokenHash(sessions.get(ROWS_PER_TRANSACTION).tokenHash())).isEmpty();
    }

    @Test
    void insertAllRefusesASessionOfAnUnknownUser() {
        Session orphan = session(UUID.randomUUID());

        assertThatThrownBy(() -> jdbcStore.insertAll(List.of(orphan))).isInstanceOf(JdbcStoreException.class);

        assertThat(store.findById(orphan.id())).isEmpty();
    }

    private Session session(UUID userId) {
        return new Session(UUID.randomUUID(), "hash-" + UUID.randomUUID(), userId, clock.instant(), clock.instant(),
                Optional.of(clock.instant().plus(Duration.ofDays(1))), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
