package dev.gatehouse.jdbc;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Everything that differs between the databases Gatehouse runs on, kept in one place so that the
 * stores' SQL stays portable: the stores run the same statements on SQLite and on PostgreSQL.
 */
public sealed interface SqlDialect permits SqliteDialect, PostgresDialect {
    /** The embedded default: one file, one writer at a time, concurrent readers under WAL. */
    SqlDialect SQLITE = new SqliteDialect();

    /**
     * A server shared by several Gatehouse instances: one pool for reads and writes, timeouts on
     * every connection so that an unreachable server fails requests within seconds.
     */
    SqlDialect POSTGRES = new PostgresDialect();

    /**
     * The dialect for a JDBC URL.
     *
     * @throws IllegalArgumentException when no dialect handles it (the message shows the URL
     *         with any password masked)
     */
    static SqlDialect forUrl(String jdbcUrl) {
        for (SqlDialect dialect : List.of(SQLITE, POSTGRES)) {
            if (dialect.accepts(jdbcUrl)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("unsupported database URL " + JdbcUrls.redact(jdbcUrl)
                + ": expected jdbc:sqlite:<file> or jdbc:postgresql://<host>[:<port>]/<database>");
    }

    /** A short name for logs and messages. */
    String name();

    /** Whether this dialect handles the database a JDBC URL names. */
    boolean accepts(String jdbcUrl);

    /**
     * Readies the place the database lives before the first connection (SQLite: creates the
     * directory of the file; PostgreSQL: nothing) and rejects URLs the stores cannot work with.
     */
    void prepare(String jdbcUrl) throws IOException;

    /** An unpooled data source whose every connection carries the dialect's settings. */
    DataSource dataSource(String jdbcUrl);

    /** How many connections to pool for writing and, when reads use their own pool, for reading. */
    PoolSizes poolSizes();

    /**
     * How long a statement waits for a pooled connection before the store gives up (503). SQLite's
     * writers queue here for each other, so the default is generous.
     */
    default Duration poolWait() {
        return Duration.ofSeconds(10);
    }

    /** Where Flyway finds this dialect's migrations, and only them. */
    String migrationLocation();

    /** The statement broke a unique or primary key constraint. */
    boolean isUniqueViolation(SQLException e);

    /** The statement referred to a row that does not exist (a foreign key). */
    boolean isForeignKeyViolation(SQLException e);

    /** The error's codes, for a message: never its text, which may quote the values involved. */
    String describe(SQLException e);

    /**
     * Pool sizes.
     *
     * @param writers connections that may write at once
     * @param readers size of a separate read pool, or empty when reads share the writers' pool
     */
    record PoolSizes(int writers, OptionalInt readers) {
        public PoolSizes {
            if (writers < 1 || readers.orElse(1) < 1) {
                throw new IllegalArgumentException("pool sizes must be positive");
            }
        }
    }
}
