package dev.gatehouse.jdbc;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.spi.SessionTouch;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.gatehouse.jdbc.Columns.instant;
import static dev.gatehouse.jdbc.Columns.optionalInstant;
import static dev.gatehouse.jdbc.Columns.setInstant;
import static dev.gatehouse.jdbc.Columns.setText;
import static dev.gatehouse.jdbc.Columns.setUuid;
import static dev.gatehouse.jdbc.Columns.text;
import static dev.gatehouse.jdbc.Columns.uuid;

/**
 * Sessions in a SQL database, next to the users they belong to: deleting a user deletes their
 * sessions in the same statement (ON DELETE CASCADE).
 */
public final class JdbcSessionStore implements SessionStore {
    private static final String COLUMNS =
            "id, token_hash, user_id, created_at, last_seen_at, absolute_expiry, idle_expiry, user_agent, remote_address";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM sessions ";
    private static final String TOUCH = "UPDATE sessions SET last_seen_at = ?, idle_expiry = ? WHERE id = ?";
    private static final String INSERT = "INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Sql sql;

    /**
     * A store on an open database; it shares the database's pools, and closes with it.
     *
     * @param database the open database that holds the sessions
     */
    public JdbcSessionStore(JdbcDatabase database) {
        this.sql = new Sql(database, "session store");
    }

    /**
     * @throws IllegalStateException when the id or token hash is already stored (a token issued
     *         twice), or the user does not exist (deleted while signing in)
     */
    @Override
    public void insert(Session session) {
        Sql.Insert outcome = sql.insert("insert session", INSERT, s -> bind(s, session));
        switch (outcome) {
            case INSERTED -> { }
            case DUPLICATE -> throw new IllegalStateException("session id or token hash collision: a session was issued twice");
            case MISSING_REFERENCE -> throw new IllegalStateException("the session's user does not exist");
        }
    }

    /**
     * Stores many sessions at once, up to 100,000 per transaction: for loading a database (the
     * end-to-end benchmark seeds a million sessions), not for sign-ins, which use {@link #insert}.
     * Not part of the {@link SessionStore} contract.
     *
     * @param sessions the sessions to store, in the order given
     * @throws JdbcStoreException when a session's id or token hash is already stored, its user does
     *         not exist, or the database fails; the transactions before the failing one stay committed
     */
    public void insertAll(Collection<Session> sessions) {
        insertAll(sessions, Sql.BULK_BATCH);
    }

    void insertAll(Collection<Session> sessions, int rowsPerTransaction) {
        sql.inBatches("insert sessions", INSERT, sessions, rowsPerTransaction, JdbcSessionStore::bind);
    }

    private static void bind(PreparedStatement s, Session session) throws SQLException {
        setUuid(s, 1, session.id());
        s.setString(2, session.tokenHash());
        setUuid(s, 3, session.userId());
        setInstant(s, 4, session.createdAt());
        setInstant(s, 5, session.lastSeenAt());
        setInstant(s, 6, session.absoluteExpiry());
        setInstant(s, 7, session.idleExpiry());
        setText(s, 8, session.userAgent());
        setText(s, 9, session.remoteAddress());
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        return sql.one("find session by token hash", SELECT + "WHERE token_hash = ?", s -> s.setString(1, tokenHash), JdbcSessionStore::read);
    }

    @Override
    public Optional<Session> findById(UUID id) {
        return sql.one("find session by id", SELECT + "WHERE id = ?", s -> setUuid(s, 1, id), JdbcSessionStore::read);
    }

    @Override
    public boolean touch(UUID id, Instant lastSeenAt, Optional<Instant> idleExpiry) {
        return sql.update("touch session", TOUCH, s -> bind(s, new SessionTouch(id, lastSeenAt, idleExpiry))) == 1;
    }

    /** All in one transaction (per 100,000): one durable commit for a whole batch of uses. */
    @Override
    public void touchAll(Collection<SessionTouch> touches) {
        sql.inBatches("touch sessions", TOUCH, touches, Sql.BULK_BATCH, JdbcSessionStore::bind);
    }

    private static void bind(PreparedStatement s, SessionTouch touch) throws SQLException {
        setInstant(s, 1, touch.lastSeenAt());
        setInstant(s, 2, touch.idleExpiry());
        setUuid(s, 3, touch.id());
    }

    @Override
    public boolean delete(UUID id) {
        return sql.update("delete session", "DELETE FROM sessions WHERE id = ?", s -> setUuid(s, 1, id)) == 1;
    }

    @Override
    public int deleteAllForUser(UUID userId) {
        return sql.update("delete sessions of user", "DELETE FROM sessions WHERE user_id = ?", s -> setUuid(s, 1, userId));
    }

    @Override
    public int deleteAllForUserExcept(UUID userId, UUID keep) {
        return sql.update("delete other sessions of user", "DELETE FROM sessions WHERE user_id = ? AND id <> ?", s -> {
            setUuid(s, 1, userId);
            setUuid(s, 2, keep);
        });
    }

    @Override
    public List<Session> listForUser(UUID userId) {
        return sql.list("list sessions of user", SELECT + "WHERE user_id = ? ORDER BY created_at DESC, id",
                s -> setUuid(s, 1, userId), JdbcSessionStore::read);
    }

    /** Live: every expiry that exists lies strictly after {@code now}, as in {@link Session#isLiveAt}. */
    @Override
    public long countLive(Instant now) {
        return sql.count("count live sessions",
                "SELECT COUNT(*) FROM sessions WHERE (absolute_expiry IS NULL OR absolute_expiry > ?) AND (idle_expiry IS NULL OR idle_expiry > ?)",
                s -> {
                    setInstant(s, 1, now);
                    setInstant(s, 2, now);
                });
    }

    /** Expired: some expiry is at or before {@code now}; the exact negation of {@link #countLive}'s test. */
    @Override
    public int deleteExpired(Instant now) {
        return sql.deleteInBatches("delete expired sessions", "sessions", "id", "absolute_expiry <= ? OR idle_expiry <= ?", s -> {
            setInstant(s, 1, now);
            setInstant(s, 2, now);
        });
    }

    private static Session read(ResultSet row) throws SQLException {
        return new Session(uuid(row, "id"), row.getString("token_hash"), uuid(row, "user_id"), instant(row, "created_at"),
                instant(row, "last_seen_at"), optionalInstant(row, "absolute_expiry"), optionalInstant(row, "idle_expiry"),
                text(row, "user_agent"), text(row, "remote_address"));
    }
}
