package dev.gatehouse.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How the stores' writing statements reach the database: each on a pooled connection of its own
 * ({@link PooledWriter}, PostgreSQL), or several callers' in one shared transaction
 * ({@link GroupCommit}, SQLite, whose every durable commit costs an fsync).
 *
 * <p>Either way a call returns only once its changes are durable (or known undone), so a read
 * that follows it sees them.
 */
sealed interface Writer extends AutoCloseable permits PooledWriter, GroupCommit {
    /** One statement's work, always kept. */
    @FunctionalInterface
    interface Statement<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work}, one statement, and commits it.
     *
     * @return what {@code work} returned
     * @throws SQLException what the statement or the commit threw; nothing of it was kept then
     */
    <T> T statement(Statement<T> work) throws SQLException;

    /**
     * Runs {@code work} in a transaction: keeps its changes when it returns true, undoes them when
     * it returns false or throws (and then rethrows).
     *
     * @return what {@code work} returned: whether its changes were kept
     */
    boolean transaction(Sql.Transaction work) throws SQLException;

    /** Finishes what was handed in before; later calls fail. Does not close the pools. */
    @Override
    void close();
}
