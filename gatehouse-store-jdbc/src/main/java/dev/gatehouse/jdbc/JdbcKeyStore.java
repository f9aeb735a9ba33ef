package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.KeyState;
import dev.gatehouse.core.spi.KeyStore;
import dev.gatehouse.core.spi.StoredKey;
import dev.gatehouse.core.spi.StoredKeyRing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.gatehouse.jdbc.Columns.instant;
import static dev.gatehouse.jdbc.Columns.setInstant;

/**
 * The signing key ring in a SQL database. A save is one transaction on the writers' connection:
 * a conditional UPDATE of the ring's generation (or, for generation 1, an INSERT that the primary
 * key lets only one writer make) decides the single winner of servers rotating at once, then the
 * winner replaces every key row. Any failure rolls the whole save back, so the stored ring is
 * always one that some server saved in full. Loading is a single SELECT, one consistent snapshot.
 */
public final class JdbcKeyStore implements KeyStore {
    private static final String KEY_COLUMNS = "kid, ring_position, algorithm, state, created_at, state_since, material";
    // The join keeps the generation and the keys in one statement: a save between two reads
    // could otherwise pair one generation with another's keys. An empty ring is one row of NULL keys.
    private static final String LOAD = "SELECT r.generation, k.kid, k.algorithm, k.state, k.created_at, k.state_since, k.material "
            + "FROM signing_key_ring r LEFT JOIN signing_keys k ON 1 = 1 WHERE r.id = 1 ORDER BY k.ring_position";

    private final JdbcDatabase database;
    private final Sql sql;

    /**
     * A store on an open database; it shares the database's pools, and closes with it.
     *
     * @param database the open database that holds the signing key ring
     */
    public JdbcKeyStore(JdbcDatabase database) {
        this.database = database;
        this.sql = new Sql(database, "key store");
    }

    @Override
    public Optional<StoredKeyRing> load() {
        List<Row> rows = sql.list("load signing keys", LOAD, s -> { }, JdbcKeyStore::read);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<StoredKey> keys = rows.stream().flatMap(row -> row.key().stream()).toList();
        return Optional.of(new StoredKeyRing(rows.getFirst().generation(), keys));
    }

    /** @throws IllegalArgumentException when the ring holds one kid twice (a bug: kids identify keys) */
    @Override
    public boolean save(StoredKeyRing ring) {
        requireDistinctKids(ring);
        return sql.transaction("save signing keys", connection -> {
            if (!advanceGeneration(connection, ring.generation())) {
                return false;
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM signing_keys")) {
                delete.executeUpdate();
            }
            insertKeys(connection, ring.keys());
            return true;
        });
    }

    /**
     * The compare-and-set: true when this save names the generation after the stored one.
     *
     * <p>A conditional UPDATE rather than SELECT ... FOR UPDATE or an advisory lock, because it is
     * the same statement on both databases and needs no second round trip: on PostgreSQL it locks
     * the ring's row until this transaction ends, and a concurrent save of the same generation
     * waits for that lock, then (READ COMMITTED re-reads the locked row) finds the generation moved
     * on and updates nothing. SQLite lets one transaction write at a time, so it needs no lock at
     * all. For generation 1 the primary key does the same: a second INSERT waits for the first
     * transaction, then breaks the key.
     */
    private boolean advanceGeneration(Connection connection, long generation) throws SQLException {
        if (generation == 1) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO signing_key_ring (id, generation) VALUES (1, 1)")) {
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (database.dialect().isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE signing_key_ring SET generation = ? WHERE id = 1 AND generation = ?")) {
            update.setLong(1, generation);
            update.setLong(2, generation - 1);
            return update.executeUpdate() == 1;
        }
    }

    private static void insertKeys(Connection connection, List<StoredKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO signing_keys (" + KEY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < keys.size(); i++) {
                StoredKey key = keys.get(i);
                insert.setString(1, key.kid());
                insert.setInt(2, i);
                insert.setString(3, key.algorithm());
                insert.setString(4, key.state().name());
                setInstant(insert, 5, key.createdAt());
                setInstant(insert, 6, key.stateSince());
                insert.setString(7, key.material());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void requireDistinctKids(StoredKeyRing ring) {
        Set<String> kids = new HashSet<>();
        for (StoredKey key : ring.keys()) {
            if (!kids.add(key.kid())) {
                throw new IllegalArgumentException("a key ring holds the kid " + key.kid() + " twice");
            }
        }
    }

    private static Row read(ResultSet row) throws SQLException {
        long generation = row.getLong("generation");
        String kid = row.getString("kid");
        if (kid == null) {
            return new Row(generation, Optional.empty());
        }
        StoredKey key = new StoredKey(kid, row.getString("algorithm"), state(row.getString("state")), instant(row, "created_at"),
                instant(row, "state_since"), row.getString("material"));
        return new Row(generation, Optional.of(key));
    }

    private static KeyState state(String stored) throws SQLException {
        try {
            return KeyState.valueOf(stored);
        } catch (IllegalArgumentException e) {
            // A row this version cannot read is a fault, never a key to trust.
            throw new SQLException("unknown signing key state in the database", e);
        }
    }

    /** One row of the load: the ring's generation and one of its keys, if it has any. */
    private record Row(long generation, Optional<StoredKey> key) {
    }
}
