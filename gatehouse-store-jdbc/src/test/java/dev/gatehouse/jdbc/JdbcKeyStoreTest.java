package dev.gatehouse.jdbc;

import dev.gatehouse.core.keys.KeyGenerator;
import dev.gatehouse.core.keys.KeyRing;
import dev.gatehouse.core.keys.KeyRingCodec;
import dev.gatehouse.core.keys.KeyRotationPolicy;
import dev.gatehouse.core.keys.KeyRotator;
import dev.gatehouse.core.keys.MasterKey;
import dev.gatehouse.core.keys.RingKey;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.spi.KeyState;
import dev.gatehouse.core.spi.KeyStore;
import dev.gatehouse.core.spi.StoredKeyRing;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.tck.KeyStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key store contract on a SQL database, and what a server sharing it sees: rings that outlive
 * the pool, two pools on one database (two servers) agreeing on one rotation, a failed save rolled
 * back whole. Once on each database.
 */
@SqlMatrix
class JdbcKeyStoreTest extends KeyStoreContract {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    private final MutableClock clock = MutableClock.atFixedStart();
    private final KeyRotationPolicy policy = KeyRotationPolicy.every(Duration.ofHours(1), Duration.ofMinutes(15));
    private final KeyRingCodec codec = new KeyRingCodec(Optional.of(MasterKey.generate()));
    private final Supplier<SigningKey> newKeys = () -> KeyGenerator.generate(SigningAlgorithm.ES256);

    protected JdbcDatabase database;

    /** Opens this test's database: empty at the first call of each test, as stored since on later ones. */
    protected JdbcDatabase openDatabase() {
        return databases.open(kind);
    }

    /** Makes the database itself refuse to insert the signing key {@code kid}, for the rest of this test. */
    private void refuseInsertsOf(String kid) throws SQLException {
        try (Connection raw = databases.connect(kind); Statement statement = raw.createStatement()) {
            switch (kind) {
                // The test's own file: the trigger goes with it.
                case SQLITE -> statement.execute("CREATE TRIGGER refuse_kid BEFORE INSERT ON signing_keys WHEN NEW.kid = '" + kid + "' "
                        + "BEGIN SELECT RAISE(ABORT, 'refused'); END");
                case POSTGRES -> {
                    statement.execute("CREATE FUNCTION refuse_kid() RETURNS trigger LANGUAGE plpgsql AS "
                            + "$$ BEGIN RAISE EXCEPTION 'refused'; END $$");
                    statement.execute("CREATE TRIGGER refuse_kid BEFORE INSERT ON signing_keys FOR EACH ROW "
                            + "WHEN (NEW.kid = '" + kid + "') EXECUTE FUNCTION refuse_kid()");
                }
            }
        }
    }

    /** A PostgreSQL schema outlives the test, unlike a SQLite file: the trigger must not refuse the next test's keys. */
    @AfterEach
    void dropTrigger() throws SQLException {
        if (kind == SqlDatabase.POSTGRES) {
            try (Connection raw = databases.connect(kind); Statement statement = raw.createStatement()) {
                statement.execute("DROP FUNCTION IF EXISTS refuse_kid() CASCADE");
            }
        }
    }

    @Override
    protected KeyStore newStore() {
        database = openDatabase();
        return new JdbcKeyStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aRotatorReopensTheSameKeysAfterTheDatabaseIsClosed() {
        KeyRotator first = KeyRotator.open(store, codec, policy, newKeys, clock);
        KeyRing before = first.current();
        database.close();

        database = openDatabase();
        KeyRotator restarted = KeyRotator.open(new JdbcKeyStore(database), codec, policy, newKeys, clock);

        assertThat(restarted.current().keys()).extracting(RingKey::kid).containsExactlyElementsOf(before.keys().stream().map(RingKey::kid).toList());
        assertThat(restarted.current().signingKey()).isEqualTo(before.signingKey());
        assertThat(restarted.current().keys()).isEqualTo(before.keys());
    }

    @Test
    void aRotationSurvivesClosingAndReopeningTheDatabase() {
        KeyRotator rotator = KeyRotator.open(store, codec, policy, newKeys, clock);
        clock.advance(Duration.ofHours(1));
        KeyRing rotated = rotator.rotateIfDue();
        database.close();

        database = openDatabase();
        JdbcKeyStore reopened = new JdbcKeyStore(database);
        KeyRotator restarted = KeyRotator.open(reopened, codec, policy, newKeys, clock);

        assertThat(restarted.current().keys()).isEqualTo(rotated.keys());
        assertThat(restarted.current().signingKey()).isEqualTo(rotated.signingKey());
        assertThat(reopened.load().orElseThrow().generation()).isEqualTo(2);
    }

    @Test
    void twoPoolsOnOneDatabaseAgreeOnOneRotation() {
        try (JdbcDatabase other = openDatabase()) {
            KeyRotator a = KeyRotator.open(store, codec, policy, newKeys, clock);
            KeyRotator b = KeyRotator.open(new JdbcKeyStore(other), codec, policy, newKeys, clock);
            assertThat(b.current().keys()).as("the second server adopts the first one's ring").isEqualTo(a.current().keys());

            clock.advance(Duration.ofHours(1));
            KeyRing fromA = a.rotateIfDue();
            KeyRing fromB = b.rotateIfDue();

            assertThat(fromB.keys()).isEqualTo(fromA.keys());
            assertThat(fromB.signingKey()).isEqualTo(fromA.signingKey());
            assertThat(fromA.keys()).extracting(RingKey::state).containsExactly(KeyState.RETIRED, KeyState.ACTIVE, KeyState.NEXT);
            assertThat(store.load().orElseThrow().generation()).isEqualTo(2);
        }
    }

    @Test
    void aSaveThatFailsHalfWayIsRolledBackWhole() throws SQLException {
        StoredKeyRing first = new StoredKeyRing(1, List.of(key(1, KeyState.ACTIVE), key(2, KeyState.NEXT)));
        assertThat(store.save(first)).isTrue();
        refuseInsertsOf("kid-3");
        StoredKeyRing failing = new StoredKeyRing(2, List.of(key(2, KeyState.ACTIVE), key(3, KeyState.NEXT)));

        assertThatThrownBy(() -> store.save(failing))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("key store").hasMessageContaining("save signing keys")
                .hasMessageNotContaining("material").hasMessageNotContaining("kid-");

        assertThat(store.load()).as("neither the generation nor any key changed").contains(first);
        StoredKeyRing retry = new StoredKeyRing(2, List.of(key(2, KeyState.ACTIVE), key(4, KeyState.NEXT)));
        assertThat(store.save(retry)).isTrue();
        assertThat(store.load()).contains(retry);
    }

    @Test
    void aClosedDatabaseFailsWithAStoreException() {
        database.close();

        assertThatThrownBy(() -> store.save(new StoredKeyRing(1, List.of(key(1, KeyState.ACTIVE)))))
                .isInstanceOf(JdbcStoreException.class).hasMessageContaining("save signing keys");
        assertThatThrownBy(store::load).isInstanceOf(JdbcStoreException.class).hasMessageContaining("load signing keys");
    }

    @Test
    void aKidTwiceIsABug() {
        assertThatThrownBy(() -> store.save(new StoredKeyRing(1, List.of(key(1, KeyState.ACTIVE), key(1, KeyState.NEXT)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.load()).isEmpty();
    }
}
