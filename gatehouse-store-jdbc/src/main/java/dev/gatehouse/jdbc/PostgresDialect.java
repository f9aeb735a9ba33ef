package dev.gatehouse.jdbc;

import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * PostgreSQL through the official pgjdbc driver. The URL is the operator's: its host, database,
 * user, password and {@code currentSchema} (the schema the tables live in) are used as given, and
 * any driver setting it names wins over the defaults below.
 */
final class PostgresDialect implements SqlDialect {
    private static final String PREFIX = "jdbc:postgresql:";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    // Fail closed and soon: a cut or stalled network must turn a request into a JdbcStoreException
    // (503) within seconds, not hang a thread for the minutes TCP takes to give up. The connect
    // timeout bounds the TCP handshake, the login timeout everything up to a usable connection
    // (TLS, authentication), the socket timeout any wait for the server's answer.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(5);
    // Longer than the statement timeout, so that a merely slow statement is cancelled by the
    // server, which keeps the connection, before the driver gives up on the socket, which loses it.
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    // A server whose client vanished mid-transaction (killed, cut off) would otherwise hold that
    // transaction's row locks, such as the key ring's, until its TCP keepalive notices: hours.
    private static final Duration IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The driver's own timeouts. In a class of their own so that loading this dialect (as every
     * start does, to read the URL) needs no driver: an application that ships only SQLite's runs
     * without PostgreSQL's.
     */
    private static final class DriverTimeouts {
        static final Map<PGProperty, Duration> ALL = Map.of(
                PGProperty.CONNECT_TIMEOUT, CONNECT_TIMEOUT,
                PGProperty.LOGIN_TIMEOUT, LOGIN_TIMEOUT,
                PGProperty.SOCKET_TIMEOUT, SOCKET_TIMEOUT);
    }
    // Server settings for every session; they come first in the startup options, so that the
    // URL's own options, after them, override any of them.
    private static final String SERVER_SETTINGS = "-c statement_timeout=" + STATEMENT_TIMEOUT.toMillis()
            + " -c idle_in_transaction_session_timeout=" + IDLE_IN_TRANSACTION_TIMEOUT.toMillis();

    PostgresDialect() {
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith(PREFIX);
    }

    /** Nothing to create: the database and its schema are the operator's. Only checks that the driver can read the URL. */
    @Override
    public void prepare(String jdbcUrl) {
        parse(jdbcUrl);
    }

    @Override
    public DataSource dataSource(String jdbcUrl) {
        Properties given = parse(jdbcUrl);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        DriverTimeouts.ALL.forEach((property, timeout) -> {
            if (!given.containsKey(property.getName())) {
                dataSource.setProperty(property, Long.toString(timeout.toSeconds()));
            }
        });
        String options = given.getProperty(PGProperty.OPTIONS.getName());
        dataSource.setOptions(options == null ? SERVER_SETTINGS : SERVER_SETTINGS + " " + options);
        return dataSource;
    }

    /**
     * The driver's reading of the URL: what the operator set.
     *
     * @throws IllegalArgumentException when the driver cannot read it (the message shows the URL
     *         with any password masked)
     */
    private static Properties parse(String jdbcUrl) {
        Properties given = Driver.parseURL(jdbcUrl, null);
        if (given == null) {
            throw new IllegalArgumentException("the PostgreSQL URL " + JdbcUrls.redact(jdbcUrl)
                    + " cannot be read: expected jdbc:postgresql://<host>[:<port>]/<database>[?<parameters>]");
        }
        return given;
    }

    /**
     * Waiting on the pool means the server is gone or swamped (statements are short and writers do
     * not queue for each other): give up soon, so that a request fails closed with a 503 in
     * seconds instead of hanging while HikariCP retries a refused connection.
     */
    @Override
    public Duration poolWait() {
        return Duration.ofSeconds(3);
    }

    @Override
    public PoolSizes poolSizes() {
        // PostgreSQL runs writers side by side, so one pool serves reads and writes. Each statement
        // here is short, so a few connections per CPU keep up with a busy server (HikariCP's advice
        // is about cores * 2); more would only queue inside PostgreSQL. Each connection is a server
        // process: several instances sharing one database at 10 each stay well inside the default
        // max_connections of 100.
        return new PoolSizes(10, OptionalInt.empty());
    }

    /** Many writers at once, each commit one round trip: each write on its own connection. */
    @Override
    public String migrationLocation() {
        return "classpath:db/migration/postgres";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    @Override
    public boolean isForeignKeyViolation(SQLException e) {
        return FOREIGN_KEY_VIOLATION.equals(e.getSQLState());
    }

    @Override
    public String describe(SQLException e) {
        // pgjdbc's error code is always 0; the SQLState says it all (57014: cancelled by the
        // statement timeout, 08xxx: the connection failed).
        return "SQLState " + e.getSQLState();
    }

    @Override
    public String toString() {
        return name();
    }
}
