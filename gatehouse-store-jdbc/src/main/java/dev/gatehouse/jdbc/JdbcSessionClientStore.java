package dev.gatehouse.jdbc;

import dev.gatehouse.core.session.SessionClient;
import dev.gatehouse.core.spi.SessionClientStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.gatehouse.jdbc.Columns.instant;
import static dev.gatehouse.jdbc.Columns.setInstant;
import static dev.gatehouse.jdbc.Columns.setUuid;
import static dev.gatehouse.jdbc.Columns.uuid;

/**
 * The clients of each session in a SQL database. A claim is an {@code UPDATE} whose
 * {@code WHERE} holds the values read, so of instances claiming one row exactly one changes it.
 */
public final class JdbcSessionClientStore implements SessionClientStore {
    private static final String SELECT = "SELECT session_id, client_id, user_id, check_at, ended, attempts FROM session_clients ";
    private static final String AS_SEEN = "session_id = ? AND client_id = ? AND check_at = ? AND ended = ? AND attempts = ?";

    private final Sql sql;

    /**
     * A store on an open database; it shares the database's pools, and closes with it.
     *
     * @param database the open database that holds the entries
     */
    public JdbcSessionClientStore(JdbcDatabase database) {
        this.sql = new Sql(database, "session client store");
    }

    @Override
    public void record(SessionClient entry) {
        // One upsert on both databases; an entry already there keeps the earlier due time and its ended flag.
        Sql.Insert outcome = sql.insert("record session client", "INSERT INTO session_clients "
                + "(session_id, client_id, user_id, check_at, ended, attempts) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (session_id, client_id) DO UPDATE SET "
                + "check_at = CASE WHEN excluded.check_at < session_clients.check_at THEN excluded.check_at ELSE session_clients.check_at END, "
                + "ended = CASE WHEN excluded.ended > session_clients.ended THEN excluded.ended ELSE session_clients.ended END", s -> {
                    setUuid(s, 1, entry.sessionId());
                    s.setString(2, entry.clientId());
                    setUuid(s, 3, entry.userId());
                    setInstant(s, 4, entry.checkAt());
                    s.setInt(5, entry.ended() ? 1 : 0);
                    s.setInt(6, entry.attempts());
                });
        if (outcome == Sql.Insert.MISSING_REFERENCE) {
            throw new IllegalStateException("a session's client is not registered");
        }
    }

    @Override
    public Optional<SessionClient> find(UUID sessionId, String clientId) {
        return sql.one("find session client", SELECT + "WHERE session_id = ? AND client_id = ?", s -> {
            setUuid(s, 1, sessionId);
            s.setString(2, clientId);
        }, JdbcSessionClientStore::read);
    }

    @Override
    public int markEnded(UUID sessionId, Instant now) {
        return sql.update("mark session ended", "UPDATE session_clients SET ended = 1, check_at = ? WHERE session_id = ?", s -> {
            setInstant(s, 1, now);
            setUuid(s, 2, sessionId);
        });
    }

    @Override
    public int markUserEnded(UUID userId, Optional<UUID> keep, Instant now) {
        return sql.update("mark user's sessions ended", "UPDATE session_clients SET ended = 1, check_at = ? WHERE user_id = ?"
                + (keep.isPresent() ? " AND session_id <> ?" : ""), s -> {
                    setInstant(s, 1, now);
                    setUuid(s, 2, userId);
                    if (keep.isPresent()) {
                        setUuid(s, 3, keep.get());
                    }
                });
    }

    @Override
    public List<SessionClient> listDue(Instant now, int limit) {
        return sql.list("list due session clients", SELECT + "WHERE check_at <= ? ORDER BY check_at LIMIT ?", s -> {
            setInstant(s, 1, now);
            s.setInt(2, limit);
        }, JdbcSessionClientStore::read);
    }

    @Override
    public boolean claim(SessionClient seen, SessionClient next) {
        if (!seen.sessionId().equals(next.sessionId()) || !seen.clientId().equals(next.clientId())) {
            throw new IllegalArgumentException("a claim keeps the session and the client");
        }
        return sql.update("claim session client", "UPDATE session_clients SET check_at = ?, ended = ?, attempts = ? WHERE " + AS_SEEN, s -> {
            setInstant(s, 1, next.checkAt());
            s.setInt(2, next.ended() ? 1 : 0);
            s.setInt(3, next.attempts());
            bindSeen(s, 4, seen);
        }) == 1;
    }

    @Override
    public boolean delete(SessionClient seen) {
        return sql.update("delete session client", "DELETE FROM session_clients WHERE " + AS_SEEN, s -> bindSeen(s, 1, seen)) == 1;
    }

    private static void bindSeen(PreparedStatement statement, int first, SessionClient seen) throws SQLException {
        setUuid(statement, first, seen.sessionId());
        statement.setString(first + 1, seen.clientId());
        setInstant(statement, first + 2, seen.checkAt());
        statement.setInt(first + 3, seen.ended() ? 1 : 0);
        statement.setInt(first + 4, seen.attempts());
    }

    private static SessionClient read(ResultSet row) throws SQLException {
        return new SessionClient(uuid(row, "session_id"), row.getString("client_id"), uuid(row, "user_id"), instant(row, "check_at"),
                row.getInt("ended") == 1, row.getInt("attempts"));
    }
}
