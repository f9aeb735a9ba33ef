package dev.gatehouse.jdbc;

import dev.gatehouse.core.secrets.ServerSecrets;
import dev.gatehouse.core.spi.ServerSecretStore;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Server secrets in a SQL database. The table's primary key decides which of two instances
 * starting at once stores its secret; the other one's insert is a duplicate and it reads the winner's.
 */
public final class JdbcServerSecretStore implements ServerSecretStore {
    private final Sql sql;
    private final Clock clock;

    /**
     * A store on an open database; it shares the database's pools, and closes with it.
     *
     * @param database the open database that holds the server secrets
     * @param clock    the time recorded as a secret's creation
     */
    public JdbcServerSecretStore(JdbcDatabase database, Clock clock) {
        this.sql = new Sql(database, "server secret store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<byte[]> find(String name) {
        ServerSecrets.requireName(name);
        return sql.one("find server secret", "SELECT value FROM server_secrets WHERE name = ?",
                s -> s.setString(1, name), row -> row.getBytes("value"));
    }

    @Override
    public boolean insertIfAbsent(String name, byte[] value) {
        ServerSecrets.requireName(name);
        Objects.requireNonNull(value, "value");
        Sql.Insert outcome = sql.insert("insert server secret", "INSERT INTO server_secrets (name, value, created_at) VALUES (?, ?, ?)", s -> {
            s.setString(1, name);
            s.setBytes(2, value);
            s.setLong(3, clock.millis());
        });
        return switch (outcome) {
            case INSERTED -> true;
            case DUPLICATE -> false;
            case MISSING_REFERENCE -> throw new IllegalStateException("server secrets refer to no other table");
        };
    }
}
