package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.UserStore;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.tck.UserStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The user store contract on a SQL database, and its bulk insert; once on each database. */
@SqlMatrix
class JdbcUserStoreTest extends UserStoreContract {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    /** Few, so that a test crosses transaction boundaries without loading 100,000 rows. */
    private static final int ROWS_PER_TRANSACTION = 40;

    protected JdbcDatabase database;
    private JdbcUserStore jdbcStore;

    /** Opens this test's database: empty at the first call of each test, as stored since on later ones. */
    protected JdbcDatabase openDatabase() {
        return databases.open(kind);
    }

    @Override
    protected UserStore newStore() {
        database = openDatabase();
        jdbcStore = new JdbcUserStore(database);
        return jdbcStore;
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void insertAllStoresMoreUsersThanOneTransactionHolds() {
        List<User> users = IntStream.range(0, ROWS_PER_TRANSACTION + 3).mapToObj(i -> user("bulk" + i + "@example.com")).toList();

        jdbcStore.insertAll(users, ROWS_PER_TRANSACTION);

        assertThat(store.count()).isEqualTo(users.size());
        assertThat(store.findByEmail("bulk0@example.com")).contains(users.getFirst());
        assertThat(store.findById(users.getLast().id())).contains(users.getLast());
    }

    @Test
    void insertAllRollsBackTheTransactionWithATakenEmailAndKeepsTheOnesBefore() {
        List<User> users = new ArrayList<>(IntStream.range(0, ROWS_PER_TRANSACTION + 2).mapToObj(i -> user("bulk" + i + "@example.com")).toList());
        users.add(user("bulk0@example.com")); // in the second transaction

        assertThatThrownBy(() -> jdbcStore.insertAll(users, ROWS_PER_TRANSACTION)).isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("insert users");

        assertThat(store.count()).isEqualTo(ROWS_PER_TRANSACTION);
        assertThat(store.findById(users.get(ROWS_PER_TRANSACTION).id())).isEmpty();
    }

    private User user(String email) {
        return new User(UUID.randomUUID(), Optional.of(email), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Role.COMMON, "$argon2id$test", clock.instant(), clock.instant());
    }
}
