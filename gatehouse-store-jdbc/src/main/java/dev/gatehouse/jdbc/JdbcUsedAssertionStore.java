package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.UsedAssertionStore;

import java.time.Instant;

import static dev.gatehouse.jdbc.Columns.setInstant;

/** The used client assertions in a SQL database; the primary key makes the first use the only one. */
public final class JdbcUsedAssertionStore implements UsedAssertionStore {
    private final Sql sql;

    /**
     * A store on an open database; it shares the database's pools, and closes with it.
     *
     * @param database the open database that holds the used assertions
     */
    public JdbcUsedAssertionStore(JdbcDatabase database) {
        this.sql = new Sql(database, "used assertion store");
    }

    @Override
    public boolean markUsed(String idHash, Instant expiresAt) {
        return switch (sql.insert("mark assertion used", "INSERT INTO used_assertions (id_hash, expires_at) VALUES (?, ?)", s -> {
            s.setString(1, idHash);
            setInstant(s, 2, expiresAt);
        })) {
            case INSERTED -> true;
            case DUPLICATE -> false;
            case MISSING_REFERENCE -> throw new IllegalStateException("used assertions refer to no other table");
        };
    }

    @Override
    public int deleteExpired(Instant before) {
        return sql.deleteInBatches("purge used assertions", "used_assertions", "id_hash", "expires_at < ?", s -> setInstant(s, 1, before));
    }
}
