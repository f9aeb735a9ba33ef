package dev.gatehouse.jdbc;

import dev.gatehouse.core.factor.TotpFactor;
import dev.gatehouse.core.spi.SecondFactorStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import static dev.gatehouse.jdbc.Columns.instant;
import static dev.gatehouse.jdbc.Columns.setInstant;
import static dev.gatehouse.jdbc.Columns.setUuid;
import static dev.gatehouse.jdbc.Columns.uuid;

/**
 * Second factors in a SQL database. Every change that decides whether a code passes is one
 * conditional statement: the {@code WHERE} holds what was read, so of two concurrent requests with
 * one code exactly one changes the row. Foreign keys end a deleted user's factors with them.
 */
public final class JdbcSecondFactorStore implements SecondFactorStore {
    private final Sql sql;
    private final JdbcDatabase database;

    /**
     * A store on an open database; it shares the database's pools, and closes with it.
     *
     * @param database the open database that holds the factors
     */
    public JdbcSecondFactorStore(JdbcDatabase database) {
        this.database = database;
        this.sql = new Sql(database, "second factor store");
    }

    @Override
    public Optional<TotpFactor> findTotp(UUID userId) {
        return sql.one("find TOTP factor", "SELECT user_id, sealed_secret, confirmed, last_step, created_at FROM totp_factors WHERE user_id = ?",
                s -> setUuid(s, 1, userId), JdbcSecondFactorStore::read);
    }

    @Override
    public boolean savePendingTotp(TotpFactor factor) {
        if (factor.confirmed()) {
            throw new IllegalArgumentException("a new enrolment is not confirmed");
        }
        // An enrolment under way is replaced; a confirmed app stays, and the insert then breaks the key.
        sql.update("drop pending TOTP factor", "DELETE FROM totp_factors WHERE user_id = ? AND confirmed = 0",
                s -> setUuid(s, 1, factor.userId()));
        Sql.Insert outcome = sql.insert("save pending TOTP factor",
                "INSERT INTO totp_factors (user_id, sealed_secret, confirmed, last_step, created_at) VALUES (?, ?, 0, NULL, ?)", s -> {
                    setUuid(s, 1, factor.userId());
                    s.setString(2, factor.sealedSecret());
                    setInstant(s, 3, factor.createdAt());
                });
        return switch (outcome) {
            case INSERTED -> true;
            case DUPLICATE -> false;
            case MISSING_REFERENCE -> throw new IllegalStateException("a second factor names a user that does not exist");
        };
    }

    @Override
    public boolean confirmTotp(UUID userId, long step) {
        return sql.update("confirm TOTP factor", "UPDATE totp_factors SET confirmed = 1, last_step = ? WHERE user_id = ? AND confirmed = 0", s -> {
            s.setLong(1, step);
            setUuid(s, 2, userId);
        }) == 1;
    }

    @Override
    public boolean acceptTotpStep(UUID userId, OptionalLong previous, long step) {
        String sameStep = previous.isPresent() ? "last_step = ?" : "last_step IS NULL";
        return sql.update("accept TOTP step", "UPDATE totp_factors SET last_step = ? WHERE user_id = ? AND confirmed = 1 AND " + sameStep, s -> {
            s.setLong(1, step);
            setUuid(s, 2, userId);
            if (previous.isPresent()) {
                s.setLong(3, previous.getAsLong());
            }
        }) == 1;
    }

    @Override
    public boolean deleteTotp(UUID userId) {
        return sql.update("delete TOTP factor", "DELETE FROM totp_factors WHERE user_id = ?", s -> setUuid(s, 1, userId)) == 1;
    }

    @Override
    public void replaceRecoveryCodes(UUID userId, Set<String> codeHashes) {
        // One transaction: the old codes stop working at the moment the new ones start.
        sql.transaction("replace recovery codes", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM recovery_codes WHERE user_id = ?")) {
                setUuid(delete, 1, userId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)")) {
                for (String hash : codeHashes) {
                    setUuid(insert, 1, userId);
                    insert.setString(2, hash);
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                if (database.dialect().isForeignKeyViolation(e)) {
                    throw new IllegalStateException("recovery codes name a user that does not exist");
                }
                throw e;
            }
            return true;
        });
    }

    @Override
    public boolean useRecoveryCode(UUID userId, String codeHash) {
        return sql.update("use recovery code", "DELETE FROM recovery_codes WHERE user_id = ? AND code_hash = ?", s -> {
            setUuid(s, 1, userId);
            s.setString(2, codeHash);
        }) == 1;
    }

    @Override
    public int countRecoveryCodes(UUID userId) {
        return (int) sql.count("count recovery codes", "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?", s -> setUuid(s, 1, userId));
    }

    @Override
    public void deleteAll(UUID userId) {
        sql.transaction("delete second factors", connection -> {
            for (String table : new String[] {"totp_factors", "recovery_codes"}) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE user_id = ?")) {
                    setUuid(delete, 1, userId);
                    delete.executeUpdate();
                }
            }
            return true;
        });
    }

    private static TotpFactor read(ResultSet row) throws SQLException {
        long step = row.getLong("last_step");
        OptionalLong lastStep = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(step);
        return new TotpFactor(uuid(row, "user_id"), row.getString("sealed_secret"), row.getInt("confirmed") == 1, lastStep,
                instant(row, "created_at"));
    }
}
