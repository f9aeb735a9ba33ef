package dev.gatehouse.jdbc;

import dev.gatehouse.core.factor.TotpFactor;
import dev.gatehouse.core.spi.SecondFactorStore;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.tck.SecondFactorStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The second factor store contract on a SQL database, and its foreign keys: a deleted user's
 * factors go with them, and factors of nobody are refused; once on each database.
 */
@SqlMatrix
class JdbcSecondFactorStoreTest extends SecondFactorStoreContract {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    private final MutableClock clock = MutableClock.atFixedStart();
    private JdbcDatabase database;
    private TestUsers users;

    @Override
    protected SecondFactorStore newStore() {
        database = databases.open(kind);
        users = new TestUsers(new JdbcUserStore(database), clock);
        return new JdbcSecondFactorStore(database);
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
    void aDeletedUsersFactorsGoWithThem() {
        UUID ada = existingUser();
        store.savePendingTotp(new TotpFactor(ada, "sealed", false, OptionalLong.empty(), clock.instant()));
        store.replaceRecoveryCodes(ada, Set.of("a1"));

        assertThat(users.delete(ada)).isTrue();

        assertThat(store.findTotp(ada)).isEmpty();
        assertThat(store.countRecoveryCodes(ada)).isZero();
    }

    @Test
    void factorsOfAnUnknownUserAreRefused() {
        UUID nobody = UUID.randomUUID();
        assertThatThrownBy(() -> store.savePendingTotp(new TotpFactor(nobody, "sealed", false, OptionalLong.empty(), clock.instant())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.replaceRecoveryCodes(nobody, Set.of("x"))).isInstanceOf(IllegalStateException.class);
    }
}
