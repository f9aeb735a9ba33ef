package dev.gatehouse.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Runs store statements: reads on a pooled reader, writes through the database's {@link Writer}
 * (on SQLite several callers' to one commit). Almost every store operation is a single
 * statement; the few that are not use {@link #transaction}. Turns {@link SQLException}s into {@link JdbcStoreException}s that name the operation.
 */
final class Sql {
    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads the current row. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Sets a statement's parameters from one row of a bulk insert. */
    @FunctionalInterface
    interface RowBinder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /** Statements that run in one transaction; returns true to commit, false to roll back. */
    @FunctionalInterface
    interface Transaction {
        boolean run(Connection connection) throws SQLException;
    }

    /** How an insert went: the constraint outcomes are answers, not failures. */
    enum Insert {
        INSERTED,
        DUPLICATE,
        MISSING_REFERENCE
    }

    private final JdbcDatabase database;
    private final String store;

    /** @param store names the store in messages, e.g. "user store" */
    Sql(JdbcDatabase database, String store) {
        this.database = database;
        this.store = store;
    }

    <T> Optional<T> one(String operation, String sql, Binder binder, Row<T> row) {
        List<T> found = list(operation, sql, binder, row);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    <T> List<T> list(String operation, String sql, Binder binder, Row<T> row) {
        try (Connection connection = connection(database.reads(), operation);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(row.read(rows));
                }
                database.outage().answered();
                return result;
            }
        } catch (SQLException e) {
            throw failed(operation, e);
        }
    }

    long count(String operation, String sql, Binder binder) {
        return one(operation, sql, binder, rows -> rows.getLong(1)).orElseThrow(
                () -> new JdbcStoreException(store + ": " + operation + " returned no row"));
    }

    /** Rows per statement of a background purge. */
    static final int PURGE_BATCH = 500;

    /** Runs an UPDATE or DELETE; returns how many rows it changed. */
    int update(String operation, String sql, Binder binder) {
        return write(operation, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Deletes the rows of {@code table} that {@code where} selects, {@link #PURGE_BATCH} per
     * statement, each its own transaction: a purge of a million expired rows then never holds the
     * writer (SQLite's only one) or a long lock for more than a moment, and requests go on between
     * batches.
     *
     * @return how many rows were deleted in all
     */
    int deleteInBatches(String operation, String table, String key, String where, Binder binder) {
        String sql = "DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table + " WHERE " + where
                + " LIMIT " + PURGE_BATCH + ")";
        int total = 0;
        int deleted;
        do {
            deleted = update(operation, sql, binder);
            total += deleted;
        } while (deleted >= PURGE_BATCH);
        return total;
    }

    /** Runs an INSERT, telling a broken unique or foreign key constraint apart from a failure. */
    Insert insert(String operation, String sql, Binder binder) {
        return write(operation, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                statement.executeUpdate();
                return Insert.INSERTED;
            } catch (SQLException e) {
                // A broken constraint undoes only its own statement (on either database), so the
                // answer is an outcome, and the transaction it may share goes on.
                if (database.dialect().isUniqueViolation(e)) {
                    return Insert.DUPLICATE;
                }
                if (database.dialect().isForeignKeyViolation(e)) {
                    return Insert.MISSING_REFERENCE;
                }
                throw e;
            }
        });
    }

    /**
     * Rows per transaction of a bulk insert. Large on purpose: rows with random keys (UUIDs, token
     * hashes) dirty about one index page each, and a transaction writes every page it dirtied once
     * (to SQLite's WAL, and again at the checkpoint); at 5,000 rows per transaction a million
     * sessions rewrote the whole index some two hundred times, and seeded at half the speed.
     */
    static final int BULK_BATCH = 100_000;

    /**
     * Runs one statement (an INSERT, an UPDATE) for many rows, sent in JDBC batches of {@code rowsPerTransaction} rows (for
     * loading, {@link #BULK_BATCH}; tests pass fewer to cross a boundary cheaply), each
     * batch its own transaction. A row at a time in auto-commit costs a durable commit each (on
     * SQLite with synchronous=FULL an fsync: a few hundred rows per second). A transaction holds
     * the writer (SQLite's only one) while it runs, seconds at this size: this is for loading a
     * database, not for a live server's requests.
     *
     * @throws JdbcStoreException when a row breaks a constraint or the database fails: that batch is
     *         rolled back, the batches before it stay stored
     */
    <T> void inBatches(String operation, String sql, Collection<T> rows, int rowsPerTransaction, RowBinder<T> binder) {
        Iterator<T> remaining = rows.iterator();
        while (remaining.hasNext()) {
            transaction(operation, connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int n = 0; n < rowsPerTransaction && remaining.hasNext(); n++) {
                        binder.bind(statement, remaining.next());
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
                return true;
            });
        }
    }

    /**
     * Runs {@code work} in one transaction on the writers' pool: commits when it returns true,
     * rolls back when it returns false or fails in any way (and then rethrows, an SQLException
     * as a {@link JdbcStoreException}).
     *
     * @return what {@code work} returned: whether its changes were committed
     */
    boolean transaction(String operation, Transaction work) {
        checkOpen(operation);
        try {
            boolean committed = database.writer().transaction(work);
            database.outage().answered();
            return committed;
        } catch (SQLException e) {
            throw failed(operation, e);
        }
    }

    private <T> T write(String operation, Writer.Statement<T> work) {
        checkOpen(operation);
        try {
            T result = database.writer().statement(work);
            database.outage().answered();
            return result;
        } catch (SQLException e) {
            throw failed(operation, e);
        }
    }

    private Connection connection(DataSource pool, String operation) throws SQLException {
        checkOpen(operation);
        return pool.getConnection();
    }

    private void checkOpen(String operation) {
        if (database.isClosed()) {
            throw new JdbcStoreException(store + ": " + operation + " failed: the database is closed");
        }
    }

    private JdbcStoreException failed(String operation, SQLException e) {
        // A pool timeout's message is the pool's own (its name, how long, how busy) and holds no
        // values; a driver's message may quote them, so only its codes are shown.
        String reason = e instanceof SQLTransientConnectionException
                ? e.getMessage()
                : database.dialect().describe(e);
        JdbcStoreException failure = new JdbcStoreException(store + ": " + operation + " failed: " + reason, e);
        database.outage().failed(failure);
        return failure;
    }
}
