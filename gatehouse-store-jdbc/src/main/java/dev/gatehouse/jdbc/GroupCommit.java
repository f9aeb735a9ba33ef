package dev.gatehouse.jdbc;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * SQLite's writes, several callers' in one transaction. SQLite writes one transaction at a time
 * and, with {@code synchronous=FULL}, syncs the WAL at each commit: about 2 ms on this project's
 * machine, which capped every write path (a refresh rotation, a sign-in's session) at some 500
 * per second however many callers waited. Here one thread takes whatever writes are waiting,
 * runs each inside a savepoint of a single transaction and commits them together: one sync for
 * the lot, and the more callers wait, the more each commit carries. A lone write still commits at
 * once; nothing waits for company.
 *
 * <p>Each caller's work stays its own: a failure or a {@code false} from one undoes only its
 * savepoint, and its caller alone learns of it. A failed commit (or a failure that made SQLite
 * drop the whole transaction) fails every caller of that batch, none of whose changes was kept.
 * Every caller is answered only after the commit, so what it wrote is durable when it returns.
 */
final class GroupCommit implements Writer {
    /** Bounds one transaction, so a burst is split into commits that each answer a while sooner. */
    static final int MAX_WRITES_PER_COMMIT = 256;

    private final DataSource writes;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock handIn = new ReentrantLock();
    private final Thread writer;
    private final AtomicLong commits = new AtomicLong();
    private boolean closed;

    /** @param writes the pool of the one writing connection; this class is then its only user */
    GroupCommit(DataSource writes, String name) {
        this.writes = writes;
        // A platform thread: the driver's native calls would pin a virtual one's carrier anyway.
        this.writer = Thread.ofPlatform().name(name).daemon().start(this::writeUntilClosed);
    }

    @Override
    public <T> T statement(Statement<T> work) throws SQLException {
        Write write = new Write(connection -> new Kept(work.run(connection), true));
        return cast(handIn(write));
    }

    @Override
    public boolean transaction(Sql.Transaction work) throws SQLException {
        Write write = new Write(connection -> {
            boolean keep = work.run(connection);
            return new Kept(keep, keep);
        });
        return (Boolean) handIn(write);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private Object handIn(Write write) throws SQLException {
        if (Thread.currentThread() == writer) {
            // A write made from inside another would wait for the batch it is part of.
            throw new IllegalStateException("a write was started from inside another write");
        }
        handIn.lock();
        try {
            if (closed) {
                throw new SQLException("the database's writer is closed");
            }
            queue.add(write);
        } finally {
            handIn.unlock();
        }
        return write.answer();
    }

    private void writeUntilClosed() {
        List<Write> batch = new ArrayList<>(MAX_WRITES_PER_COMMIT);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // Only close() stops this thread, and it does so with CLOSE, not an interrupt.
                continue;
            }
            queue.drainTo(batch, MAX_WRITES_PER_COMMIT - 1);
            boolean last = batch.getLast() == CLOSE;
            if (last) {
                batch.removeLast();
            }
            try {
                commitTogether(batch);
            } catch (Throwable unexpected) {
                // Whatever happened, no caller may wait for ever; those answered keep their answer.
                batch.forEach(write -> write.fail(unexpected));
            }
            batch.clear();
            if (last) {
                return;
            }
        }
    }

    private void commitTogether(List<Write> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection connection = writes.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Write write : batch) {
                    write.runWithin(connection);
                }
                connection.commit();
                commits.incrementAndGet();
            } catch (SQLException | RuntimeException | Error e) {
                rollBack(connection, e);
                discard(connection, e);
                batch.forEach(write -> write.fail(e));
                return;
            }
            // The pool restores auto-commit when the connection goes back.
        } catch (SQLException | RuntimeException e) {
            // No connection: nothing ran. (Failures inside were answered above.)
            batch.forEach(write -> write.fail(e));
            return;
        }
        batch.forEach(Write::answerWithOutcome);
    }

    private static void rollBack(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Has the pool close {@code connection} rather than reuse it. After SQLite ended a
     * transaction by itself (an I/O error, a full disk) the driver still believes it open and
     * would run the next batch's statements outside any transaction; a new connection starts
     * clean, its pragmas applied again.
     */
    private void discard(Connection connection, Throwable failure) {
        try {
            if (writes.isWrapperFor(HikariDataSource.class)) {
                writes.unwrap(HikariDataSource.class).evictConnection(connection);
            }
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** How many transactions were committed, each carrying one or more writes. */
    long commits() {
        return commits.get();
    }

    /** How many writes wait for the writer thread (not counting the batch it is running). */
    int waiting() {
        return queue.size();
    }

    /** Runs what was handed in before, then stops the writer thread; later writes fail. */
    @Override
    public void close() {
        handIn.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(CLOSE);
        } finally {
            handIn.unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a write's work did: its answer, and whether its changes stay. */
    private record Kept(Object value, boolean keep) {
    }

    @FunctionalInterface
    private interface Work {
        Kept run(Connection connection) throws SQLException;
    }

    /** Marks the end of the queue: everything before it is written, then the thread stops. */
    private static final Write CLOSE = new Write(connection -> {
        throw new IllegalStateException("the close marker is never run");
    });

    /** One caller's work, and how it went. Touched by the writer thread, then read by its caller after {@link #answer}. */
    private static final class Write {
        private final Work work;
        private final CompletableFuture<Object> answer = new CompletableFuture<>();
        private Object value;
        private Exception failure;

        Write(Work work) {
            this.work = work;
        }

        /**
         * Runs the work inside a savepoint, undoing just that when it fails or says so. Throws
         * only when the transaction itself is lost (its savepoint cannot be rolled back to, as
         * after an I/O error SQLite rolls everything back): then the whole batch fails.
         */
        void runWithin(Connection connection) throws SQLException {
            Savepoint savepoint = connection.setSavepoint();
            try {
                Kept kept = work.run(connection);
                if (!kept.keep()) {
                    connection.rollback(savepoint);
                }
                value = kept.value();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback(savepoint);
                } catch (SQLException lost) {
                    e.addSuppressed(lost);
                    throw e;
                }
                failure = e;
            }
            connection.releaseSavepoint(savepoint);
        }

        void answerWithOutcome() {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(value);
            }
        }

        void fail(Throwable batchFailure) {
            answer.completeExceptionally(batchFailure);
        }

        Object answer() throws SQLException {
            try {
                // Not interruptible on purpose: the caller learns whether its write was kept.
                return answer.join();
            } catch (CompletionException e) {
                // The batch's failure, rethrown as if this caller had run its own write.
                switch (e.getCause()) {
                    case SQLException sql -> throw sql;
                    case RuntimeException runtime -> throw runtime;
                    case Error error -> throw error;
                    case null, default -> throw e;
                }
            }
        }
    }
}
