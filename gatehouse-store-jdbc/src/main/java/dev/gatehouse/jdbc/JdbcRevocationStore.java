package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.RevocationStore;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static dev.gatehouse.jdbc.Columns.instant;
import static dev.gatehouse.jdbc.Columns.setInstant;
import static dev.gatehouse.jdbc.Columns.setUuid;

/**
 * Access-token revocations in a SQL database. Both writes are single upserts that keep the later
 * instant, so concurrent or repeated revocations never shorten one another.
 */
public final class JdbcRevocationStore implements RevocationStore {
    private final Sql sql;

    /**
     * A store on an open database; it shares the database's pools, and closes with it.
     *
     * @param database the open database that holds the revocations
     */
    public JdbcRevocationStore(JdbcDatabase database) {
        this.sql = new Sql(database, "revocation store");
    }

    @Override
    public void revokeJti(String jti, Instant expiresAt) {
        // ON CONFLICT ... DO UPDATE and CASE are both SQLite and PostgreSQL.
        sql.update("revoke token id", "INSERT INTO revoked_jtis (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO UPDATE SET "
                + "expires_at = CASE WHEN excluded.expires_at > revoked_jtis.expires_at THEN excluded.expires_at "
                + "ELSE revoked_jtis.expires_at END", s -> {
                    s.setString(1, jti);
                    setInstant(s, 2, expiresAt);
                });
    }

    @Override
    public boolean isJtiRevoked(String jti, Instant now) {
        return sql.count("check token id revocation", "SELECT COUNT(*) FROM revoked_jtis WHERE jti = ? AND expires_at > ?", s -> {
            s.setString(1, jti);
            setInstant(s, 2, now);
        }) > 0;
    }

    @Override
    public void setUserNotBefore(UUID userId, Instant notBefore) {
        sql.update("set user not-before", "INSERT INTO user_not_before (user_id, not_before) VALUES (?, ?) ON CONFLICT (user_id) "
                + "DO UPDATE SET not_before = CASE WHEN excluded.not_before > user_not_before.not_before THEN excluded.not_before "
                + "ELSE user_not_before.not_before END", s -> {
                    setUuid(s, 1, userId);
                    setInstant(s, 2, notBefore);
                });
    }

    @Override
    public Optional<Instant> userNotBefore(UUID userId) {
        return sql.one("find user not-before", "SELECT not_before FROM user_not_before WHERE user_id = ?", s -> setUuid(s, 1, userId),
                row -> instant(row, "not_before"));
    }

    @Override
    public int deleteExpired(Instant now) {
        return sql.deleteInBatches("delete expired token id revocations", "revoked_jtis", "jti", "expires_at <= ?",
                s -> setInstant(s, 1, now));
    }
}
