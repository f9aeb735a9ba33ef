package dev.gatehouse.jdbc;

import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.spi.RefreshToken;
import dev.gatehouse.core.spi.RefreshTokenStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static dev.gatehouse.jdbc.Columns.instant;
import static dev.gatehouse.jdbc.Columns.optionalInstant;
import static dev.gatehouse.jdbc.Columns.setInstant;
import static dev.gatehouse.jdbc.Columns.setText;
import static dev.gatehouse.jdbc.Columns.setUuid;
import static dev.gatehouse.jdbc.Columns.text;
import static dev.gatehouse.jdbc.Columns.uuid;

/**
 * Refresh tokens in a SQL database, next to the users they belong to: deleting a user deletes
 * their tokens in the same statement (ON DELETE CASCADE). Spending a token is one conditional
 * UPDATE, so the database decides the single winner of a race.
 */
public final class JdbcRefreshTokenStore implements RefreshTokenStore {
    private static final String COLUMNS = "id, token_hash, family_id, user_id, session_id, issued_at, expires_at, "
            + "family_expires_at, state, spent_at, replaced_by, client_id, scopes";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM refresh_tokens ";
    private static final String REVOKE = "UPDATE refresh_tokens SET state = 'REVOKED' WHERE state = 'ACTIVE' AND ";
    private static final String INSERT = "INSERT INTO refresh_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SPEND = "UPDATE refresh_tokens SET state = 'SPENT', spent_at = ?, replaced_by = ? WHERE id = ? AND state = 'ACTIVE'";

    private final Sql sql;
    private final SqlDialect dialect;

    /**
     * A store on an open database; it shares the database's pools, and closes with it.
     *
     * @param database the open database that holds the refresh tokens
     */
    public JdbcRefreshTokenStore(JdbcDatabase database) {
        this.sql = new Sql(database, "refresh token store");
        this.dialect = database.dialect();
    }

    /**
     * @throws IllegalStateException when the id or token hash is already stored (a token issued
     *         twice), or the user does not exist (deleted while signing in)
     */
    @Override
    public void insert(RefreshToken token) {
        throwUnlessInserted(sql.insert("insert refresh token", INSERT, s -> bind(s, token)));
    }

    /**
     * On SQLite, one transaction: SQLite runs one writing transaction at a time, so nothing can
     * come between the insert and the spend, and the rotation is one durable commit instead of
     * two (the refresh path's bound on SQLite). A lost spend rolls the successor back. Other
     * databases take the default's two steps, whose order keeps a concurrent family revocation
     * from missing the successor under READ COMMITTED.
     */
    @Override
    public boolean rotate(RefreshToken successor, UUID current, Instant spentAt) {
        if (dialect != SqlDialect.SQLITE) {
            return RefreshTokenStore.super.rotate(successor, current, spentAt);
        }
        return sql.transaction("rotate refresh token", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT); PreparedStatement spend = connection.prepareStatement(SPEND)) {
                bind(insert, successor);
                try {
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (dialect.isUniqueViolation(e)) {
                        throwUnlessInserted(Sql.Insert.DUPLICATE);
                    }
                    if (dialect.isForeignKeyViolation(e)) {
                        throwUnlessInserted(Sql.Insert.MISSING_REFERENCE);
                    }
                    throw e;
                }
                bindSpend(spend, current, spentAt, successor.id());
                return spend.executeUpdate() == 1;
            }
        });
    }

    private static void throwUnlessInserted(Sql.Insert outcome) {
        switch (outcome) {
            case INSERTED -> { }
            case DUPLICATE -> throw new IllegalStateException("refresh token id or token hash collision: a token was issued twice");
            case MISSING_REFERENCE -> throw new IllegalStateException("the refresh token's user does not exist");
        }
    }

    private static void bind(PreparedStatement s, RefreshToken token) throws SQLException {
        setUuid(s, 1, token.id());
        s.setString(2, token.tokenHash());
        setUuid(s, 3, token.familyId());
        setUuid(s, 4, token.userId());
        setText(s, 5, token.sessionId().map(UUID::toString));
        setInstant(s, 6, token.issuedAt());
        setInstant(s, 7, token.expiresAt());
        setInstant(s, 8, token.familyExpiresAt());
        s.setString(9, token.state().name());
        setInstant(s, 10, token.spentAt());
        setText(s, 11, token.replacedBy().map(UUID::toString));
        setText(s, 12, token.grant().map(ClientGrant::clientId));
        setText(s, 13, token.grant().map(ClientGrant::scopeText));
    }

    private static void bindSpend(PreparedStatement s, UUID id, Instant spentAt, UUID replacedBy) throws SQLException {
        setInstant(s, 1, spentAt);
        setUuid(s, 2, replacedBy);
        setUuid(s, 3, id);
    }

    @Override
    public Optional<RefreshToken> findByTokenHash(String tokenHash) {
        return sql.one("find refresh token by token hash", SELECT + "WHERE token_hash = ?", s -> s.setString(1, tokenHash),
                JdbcRefreshTokenStore::read);
    }

    @Override
    public Optional<RefreshToken> findById(UUID id) {
        return sql.one("find refresh token by id", SELECT + "WHERE id = ?", s -> setUuid(s, 1, id), JdbcRefreshTokenStore::read);
    }

    /** One UPDATE whose WHERE holds the compare: of racing callers, only one changes a row. */
    @Override
    public boolean markSpent(UUID id, Instant spentAt, UUID replacedBy) {
        return sql.update("spend refresh token", SPEND, s -> bindSpend(s, id, spentAt, replacedBy)) == 1;
    }

    @Override
    public int revokeFamily(UUID familyId) {
        return sql.update("revoke refresh token family", REVOKE + "family_id = ?", s -> setUuid(s, 1, familyId));
    }

    @Override
    public int revokeAllForUser(UUID userId) {
        return sql.update("revoke refresh tokens of user", REVOKE + "user_id = ?", s -> setUuid(s, 1, userId));
    }

    @Override
    public int revokeForSession(UUID sessionId) {
        return sql.update("revoke refresh tokens of session", REVOKE + "session_id = ?", s -> setUuid(s, 1, sessionId));
    }

    @Override
    public List<RefreshToken> listFamily(UUID familyId) {
        return sql.list("list refresh token family", SELECT + "WHERE family_id = ? ORDER BY issued_at, id",
                s -> setUuid(s, 1, familyId), JdbcRefreshTokenStore::read);
    }

    /** Active: the state says so and the expiry lies strictly after {@code now}, as in {@link RefreshToken#isExpiredAt}. */
    @Override
    public long countActive(Instant now) {
        return sql.count("count active refresh tokens", "SELECT COUNT(*) FROM refresh_tokens WHERE state = 'ACTIVE' AND expires_at > ?",
                s -> setInstant(s, 1, now));
    }

    /** Spent tokens stay until their family ends, so that reuse is still recognised. */
    @Override
    public int deleteExpired(Instant now) {
        return sql.deleteInBatches("delete expired refresh tokens", "refresh_tokens", "id",
                "family_expires_at <= ? OR (expires_at <= ? AND state <> 'SPENT')", s -> {
                    setInstant(s, 1, now);
                    setInstant(s, 2, now);
                });
    }

    private static RefreshToken read(ResultSet row) throws SQLException {
        return new RefreshToken(uuid(row, "id"), row.getString("token_hash"), uuid(row, "family_id"), uuid(row, "user_id"),
                text(row, "session_id").map(UUID::fromString), instant(row, "issued_at"), instant(row, "expires_at"),
                instant(row, "family_expires_at"), state(row.getString("state")), optionalInstant(row, "spent_at"),
                text(row, "replaced_by").map(UUID::fromString), grant(row));
    }

    private static Optional<ClientGrant> grant(ResultSet row) throws SQLException {
        Optional<String> clientId = text(row, "client_id");
        Optional<String> scopes = Optional.ofNullable(row.getString("scopes"));
        if (clientId.isPresent() != scopes.isPresent()) {
            throw new SQLException("a refresh token row with a client and no scopes, or scopes and no client");
        }
        if (clientId.isEmpty()) {
            return Optional.empty();
        }
        Set<String> parsed = ClientGrant.parseScopes(scopes.get())
                .orElseThrow(() -> new SQLException("unreadable scopes on a refresh token row"));
        return Optional.of(new ClientGrant(clientId.get(), parsed));
    }

    private static RefreshToken.State state(String stored) throws SQLException {
        try {
            return RefreshToken.State.valueOf(stored);
        } catch (IllegalArgumentException e) {
            // A row this version cannot read is a fault, never a token to accept.
            throw new SQLException("unknown refresh token state in the database", e);
        }
    }
}
