package dev.gatehouse.jdbc;

import dev.gatehouse.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQLite's shared commits, on a real file: writes waiting together are committed together, and
 * each caller still gets its own outcome.
 */
@Timeout(30)
class GroupCommitTest {
    @TempDir
    Path dir;

    private JdbcDatabase database;
    private GroupCommit writer;
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void open() throws SQLException {
        database = JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("gatehouse.db"));
        writer = (GroupCommit) database.writer();
        writer.statement(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("CREATE TABLE notes (name TEXT PRIMARY KEY)");
            }
        });
    }

    @AfterEach
    void close() {
        callers.shutdownNow();
        database.close();
    }

    @Test
    void writesThatWaitTogetherShareOneCommitAndAreAllKept() throws Exception {
        HeldWriter held = holdTheWriter(Optional.of("first"));
        long commitsBefore = writer.commits();

        List<Future<Integer>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "note-" + i;
            waiting.add(callers.submit(() -> writer.statement(connection -> insert(connection, name))));
        }
        awaitWaiting(20);
        held.release().countDown();

        assertThat(held.blocker().get()).isTrue();
        for (Future<Integer> write : waiting) {
            assertThat(write.get()).isEqualTo(1);
        }
        // The blocker's own commit, then one for all twenty that queued behind it.
        assertThat(writer.commits() - commitsBefore).isEqualTo(2);
        assertThat(names()).hasSize(21).contains("first", "note-0", "note-19");
    }

    @Test
    void aFailingWriteUndoesOnlyItselfAndOnlyItsCallerHearsOfIt() throws Exception {
        HeldWriter held = holdTheWriter(Optional.empty());

        Future<Integer> before = callers.submit(() -> writer.statement(connection -> insert(connection, "before")));
        awaitWaiting(1);
        Future<Boolean> failing = callers.submit(() -> writer.transaction(connection -> {
            insert(connection, "half-done");
            throw new IllegalStateException("the caller's own failure");
        }));
        awaitWaiting(2);
        Future<Boolean> undone = callers.submit(() -> writer.transaction(connection -> insert(connection, "changed-its-mind") < 0));
        awaitWaiting(3);
        Future<Integer> duplicate = callers.submit(() -> writer.statement(connection -> insert(connection, "before")));
        awaitWaiting(4);
        Future<Integer> after = callers.submit(() -> writer.statement(connection -> insert(connection, "after")));
        awaitWaiting(5);
        held.release().countDown();

        assertThat(held.blocker().get()).isTrue();
        assertThat(before.get()).isEqualTo(1);
        assertThatThrownBy(failing::get).hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("the caller's own failure");
        assertThat(undone.get()).isFalse();
        assertThatThrownBy(duplicate::get).hasCauseInstanceOf(SQLException.class);
        assertThat(after.get()).isEqualTo(1);
        assertThat(names()).containsExactlyInAnyOrder("before", "after");
    }

    @Test
    void aWriteThatLosesTheSharedTransactionFailsItsWholeBatchAndNothingOfItIsKept() throws Exception {
        HeldWriter held = holdTheWriter(Optional.of("blocker"));
        long commitsBefore = writer.commits();

        Future<Integer> innocent = callers.submit(() -> writer.statement(connection -> insert(connection, "innocent")));
        awaitWaiting(1);
        Future<Integer> rogue = callers.submit(() -> writer.statement(connection -> {
            insert(connection, "rogue");
            try (Statement statement = connection.createStatement()) {
                // Ends the shared transaction under everyone's feet.
                return statement.executeUpdate("ROLLBACK");
            }
        }));
        awaitWaiting(2);
        held.release().countDown();

        assertThat(held.blocker().get()).isTrue();
        assertThatThrownBy(innocent::get).hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(rogue::get).hasCauseInstanceOf(SQLException.class);
        // Only the blocker's own commit: the batch behind it was rolled back as a whole.
        assertThat(writer.commits() - commitsBefore).isEqualTo(1);
        assertThat(names()).containsExactly("blocker");

        // The writer goes on: the next write is kept.
        int later = writer.statement(connection -> insert(connection, "later"));
        assertThat(later).isEqualTo(1);
        assertThat(names()).containsExactlyInAnyOrder("blocker", "later");
    }

    @Test
    void closeCommitsWhatWasHandedInThenRefusesMore() throws Exception {
        HeldWriter held = holdTheWriter(Optional.empty());
        Future<Integer> queued = callers.submit(() -> writer.statement(connection -> insert(connection, "queued")));
        awaitWaiting(1);

        Future<?> closing = callers.submit(writer::close);
        held.release().countDown();
        closing.get();

        assertThat(queued.get()).isEqualTo(1);
        assertThatThrownBy(() -> writer.statement(connection -> insert(connection, "too-late")))
                .isInstanceOf(SQLException.class).hasMessageContaining("closed");
        assertThat(new Sql(database, "test store").count("count notes", "SELECT COUNT(*) FROM notes WHERE name = ?",
                s -> s.setString(1, "queued"))).isEqualTo(1);
    }

    @Test
    void aWriteStartedFromInsideAnotherIsRefusedRatherThanWaitingForItself() throws SQLException {
        assertThatThrownBy(() -> writer.statement(connection -> writer.statement(inner -> insert(inner, "nested"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside another write");
        assertThat(names()).isEmpty();
    }

    @Test
    void storeWritesGoThroughTheSharedCommits() {
        long commitsBefore = writer.commits();
        Sql sql = new Sql(database, "test store");
        assertThat(sql.insert("insert a note", "INSERT INTO notes (name) VALUES (?)", s -> s.setString(1, "a")))
                .isEqualTo(Sql.Insert.INSERTED);
        assertThat(sql.insert("insert a note", "INSERT INTO notes (name) VALUES (?)", s -> s.setString(1, "a")))
                .isEqualTo(Sql.Insert.DUPLICATE);
        assertThat(sql.update("rename a note", "UPDATE notes SET name = ? WHERE name = ?", s -> {
            s.setString(1, "b");
            s.setString(2, "a");
        })).isEqualTo(1);
        assertThat(writer.commits() - commitsBefore).isEqualTo(3);
    }

    /** The writer thread, busy with a write that waits for {@code release} (and then inserts {@code name}, if any). */
    private record HeldWriter(Future<Boolean> blocker, CountDownLatch release) {
    }

    private HeldWriter holdTheWriter(Optional<String> name) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> blocker = callers.submit(() -> writer.transaction(connection -> {
            running.countDown();
            awaitUninterruptibly(release);
            return name.isEmpty() || insert(connection, name.get()) == 1;
        }));
        running.await();
        return new HeldWriter(blocker, release);
    }

    private void awaitWaiting(int writes) {
        // The writer thread is held by the blocker, so the queue only grows until it is released.
        Eventually.await(writes + " writes queued", () -> writer.waiting() >= writes);
    }

    private static int insert(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO notes (name) VALUES (?)")) {
            statement.setString(1, name);
            return statement.executeUpdate();
        }
    }

    private List<String> names() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = database.reads().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM notes")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
