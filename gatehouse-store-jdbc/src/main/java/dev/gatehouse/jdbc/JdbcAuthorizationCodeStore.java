package dev.gatehouse.jdbc;

import dev.gatehouse.core.client.AuthorizationCode;
import dev.gatehouse.core.spi.AuthorizationCodeStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static dev.gatehouse.jdbc.Columns.instant;
import static dev.gatehouse.jdbc.Columns.optionalInstant;
import static dev.gatehouse.jdbc.Columns.setInstant;
import static dev.gatehouse.jdbc.Columns.setText;
import static dev.gatehouse.jdbc.Columns.setUuid;
import static dev.gatehouse.jdbc.Columns.setWords;
import static dev.gatehouse.jdbc.Columns.text;
import static dev.gatehouse.jdbc.Columns.uuid;
import static dev.gatehouse.jdbc.Columns.words;

/**
 * Authorization codes in a SQL database, shared by every instance on it. The first exchange is
 * one conditional UPDATE ({@code redeemed_at IS NULL}), so of racing exchanges exactly one wins.
 */
public final class JdbcAuthorizationCodeStore implements AuthorizationCodeStore {
    private static final String COLUMNS = "code_hash, client_id, user_id, session_id, redirect_uri, scopes, nonce, code_challenge, "
            + "auth_time, issued_at, expires_at, redeemed_at, issued_family_id, issued_access_token_id";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM authorization_codes WHERE code_hash = ?";

    private final Sql sql;

    /**
     * A store on an open database; it shares the database's pools, and closes with it.
     *
     * @param database the open database that holds the codes
     */
    public JdbcAuthorizationCodeStore(JdbcDatabase database) {
        this.sql = new Sql(database, "authorization code store");
    }

    @Override
    public void insert(AuthorizationCode code) {
        Sql.Insert outcome = sql.insert("insert authorization code", "INSERT INTO authorization_codes (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
                    s.setString(1, code.codeHash());
                    s.setString(2, code.clientId());
                    setUuid(s, 3, code.userId());
                    setUuid(s, 4, code.sessionId());
                    s.setString(5, code.redirectUri());
                    setWords(s, 6, code.scopes());
                    setText(s, 7, code.nonce());
                    setText(s, 8, code.codeChallenge());
                    setInstant(s, 9, code.authTime());
                    setInstant(s, 10, code.issuedAt());
                    setInstant(s, 11, code.expiresAt());
                    setInstant(s, 12, code.redeemedAt());
                    setText(s, 13, code.issuedFamilyId().map(UUID::toString));
                    setText(s, 14, code.issuedAccessTokenId());
                });
        switch (outcome) {
            case INSERTED -> {
            }
            case DUPLICATE -> throw new IllegalStateException("an authorization code with this hash is already stored");
            case MISSING_REFERENCE -> throw new IllegalStateException("authorization codes refer to no other table");
        }
    }

    @Override
    public Redemption redeem(String codeHash, Instant now) {
        boolean first = sql.update("redeem authorization code", "UPDATE authorization_codes SET redeemed_at = ? "
                + "WHERE code_hash = ? AND redeemed_at IS NULL", s -> {
                    setInstant(s, 1, now);
                    s.setString(2, codeHash);
                }) == 1;
        if (!first) {
            // Marked before the read below: see recordIssued for why the order matters.
            sql.update("mark authorization code reused", "UPDATE authorization_codes SET reused_at = ? WHERE code_hash = ?", s -> {
                setInstant(s, 1, now);
                s.setString(2, codeHash);
            });
        }
        Optional<AuthorizationCode> code = sql.one("find authorization code", SELECT, s -> s.setString(1, codeHash),
                JdbcAuthorizationCodeStore::read);
        // Purged between the two statements: nothing to exchange, whoever redeemed it.
        return code.<Redemption>map(found -> first ? new Redemption.First(found) : new Redemption.Again(found))
                .orElseGet(Redemption.Unknown::new);
    }

    @Override
    public boolean recordIssued(String codeHash, UUID familyId, String accessTokenId) {
        sql.update("record tokens of authorization code", "UPDATE authorization_codes SET issued_family_id = ?, issued_access_token_id = ? "
                + "WHERE code_hash = ?", s -> {
                    setText(s, 1, Optional.ofNullable(familyId).map(UUID::toString));
                    s.setString(2, accessTokenId);
                    s.setString(3, codeHash);
                });
        // Read after the write above, so that a later exchange's mark is seen here or this write there.
        return sql.one("read reuse of authorization code", "SELECT reused_at FROM authorization_codes WHERE code_hash = ?",
                s -> s.setString(1, codeHash), row -> optionalInstant(row, "reused_at").isPresent()).orElse(false);
    }

    @Override
    public int deleteExpired(Instant before) {
        return sql.update("purge authorization codes", "DELETE FROM authorization_codes WHERE expires_at < ?", s -> setInstant(s, 1, before));
    }

    private static AuthorizationCode read(ResultSet row) throws SQLException {
        return new AuthorizationCode(row.getString("code_hash"), row.getString("client_id"), uuid(row, "user_id"), uuid(row, "session_id"),
                row.getString("redirect_uri"), words(row, "scopes"),
                text(row, "nonce"), text(row, "code_challenge"), instant(row, "auth_time"), instant(row, "issued_at"),
                instant(row, "expires_at"), optionalInstant(row, "redeemed_at"), text(row, "issued_family_id").map(UUID::fromString),
                text(row, "issued_access_token_id"));
    }
}
