package dev.gatehouse.jdbc;

import dev.gatehouse.core.client.Consent;
import dev.gatehouse.core.spi.ConsentStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.gatehouse.jdbc.Columns.instant;
import static dev.gatehouse.jdbc.Columns.setInstant;
import static dev.gatehouse.jdbc.Columns.setUuid;
import static dev.gatehouse.jdbc.Columns.setWords;
import static dev.gatehouse.jdbc.Columns.uuid;
import static dev.gatehouse.jdbc.Columns.words;

/**
 * Consents in a SQL database. Foreign keys end a deleted user's or client's consents with them.
 */
public final class JdbcConsentStore implements ConsentStore {
    private static final String SELECT = "SELECT user_id, client_id, scopes, granted_at FROM consents ";

    private final Sql sql;

    /**
     * A store on an open database; it shares the database's pools, and closes with it.
     *
     * @param database the open database that holds the consents
     */
    public JdbcConsentStore(JdbcDatabase database) {
        this.sql = new Sql(database, "consent store");
    }

    @Override
    public Optional<Consent> find(UUID userId, String clientId) {
        return sql.one("find consent", SELECT + "WHERE user_id = ? AND client_id = ?", s -> {
            setUuid(s, 1, userId);
            s.setString(2, clientId);
        }, JdbcConsentStore::read);
    }

    @Override
    public void save(Consent consent) {
        // One statement on both databases: ON CONFLICT ... DO UPDATE is SQLite's and PostgreSQL's upsert alike.
        Sql.Insert outcome = sql.insert("save consent", "INSERT INTO consents (user_id, client_id, scopes, granted_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (user_id, client_id) DO UPDATE SET scopes = excluded.scopes, granted_at = excluded.granted_at", s -> {
                    setUuid(s, 1, consent.userId());
                    s.setString(2, consent.clientId());
                    setWords(s, 3, consent.scopes());
                    setInstant(s, 4, consent.grantedAt());
                });
        if (outcome == Sql.Insert.MISSING_REFERENCE) {
            throw new IllegalStateException("a consent names a user or a client that does not exist");
        }
    }

    @Override
    public List<Consent> listForUser(UUID userId) {
        return sql.list("list consents of user", SELECT + "WHERE user_id = ? ORDER BY client_id", s -> setUuid(s, 1, userId),
                JdbcConsentStore::read);
    }

    @Override
    public boolean delete(UUID userId, String clientId) {
        return sql.update("delete consent", "DELETE FROM consents WHERE user_id = ? AND client_id = ?", s -> {
            setUuid(s, 1, userId);
            s.setString(2, clientId);
        }) == 1;
    }

    @Override
    public int deleteAllForClient(String clientId) {
        return sql.update("delete consents of client", "DELETE FROM consents WHERE client_id = ?", s -> s.setString(1, clientId));
    }

    private static Consent read(ResultSet row) throws SQLException {
        return new Consent(uuid(row, "user_id"), row.getString("client_id"), words(row, "scopes"), instant(row, "granted_at"));
    }
}
