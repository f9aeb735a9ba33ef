package dev.gatehouse.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Each write on a connection of the writers' pool, in a transaction of its own: for a database
 * that runs many writers at once (PostgreSQL), where a commit is one round trip.
 */
final class PooledWriter implements Writer {
    private final DataSource writes;

    PooledWriter(DataSource writes) {
        this.writes = writes;
    }

    @Override
    public <T> T statement(Statement<T> work) throws SQLException {
        // Auto-commit: a single statement needs no BEGIN and COMMIT round trips of its own.
        try (Connection connection = writes.getConnection()) {
            return work.run(connection);
        }
    }

    @Override
    public boolean transaction(Sql.Transaction work) throws SQLException {
        try (Connection connection = writes.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean keep = work.run(connection);
                if (keep) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return keep;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException | RuntimeException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
            // The pool restores auto-commit when the connection goes back.
        }
    }

    @Override
    public void close() {
        // Nothing of its own: the connections are the pool's.
    }
}
