package dev.gatehouse.jdbc;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.spi.ClientStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.gatehouse.jdbc.Columns.instant;
import static dev.gatehouse.jdbc.Columns.setInstant;
import static dev.gatehouse.jdbc.Columns.setText;
import static dev.gatehouse.jdbc.Columns.setWords;
import static dev.gatehouse.jdbc.Columns.text;
import static dev.gatehouse.jdbc.Columns.words;

/**
 * Registered clients in a SQL database. The primary key decides which of two concurrent
 * registrations of one id wins.
 */
public final class JdbcClientStore implements ClientStore {
    private static final String COLUMNS = "id, name, type, secret_hash, redirect_uris, post_logout_redirect_uris, backchannel_logout_uri, "
            + "scopes, grants, first_party, access_token_ttl, refresh_token_ttl, jwks, self_registered, created_at, updated_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM clients ";

    private final Sql sql;

    /**
     * A store on an open database; it shares the database's pools, and closes with it.
     *
     * @param database the open database that holds the clients
     */
    public JdbcClientStore(JdbcDatabase database) {
        this.sql = new Sql(database, "client store");
    }

    @Override
    public boolean insert(Client client) {
        Sql.Insert outcome = sql.insert("insert client", "INSERT INTO clients (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setString(1, client.id());
                    bindFields(s, 2, client);
                    setInstant(s, 15, client.createdAt());
                    setInstant(s, 16, client.updatedAt());
                });
        return switch (outcome) {
            case INSERTED -> true;
            case DUPLICATE -> false;
            case MISSING_REFERENCE -> throw new IllegalStateException("clients refer to no other table");
        };
    }

    @Override
    public Optional<Client> findById(String id) {
        return sql.one("find client", SELECT + "WHERE id = ?", s -> s.setString(1, id), JdbcClientStore::client);
    }

    @Override
    public List<Client> list() {
        return sql.list("list clients", SELECT + "ORDER BY id", s -> { }, JdbcClientStore::client);
    }

    @Override
    public boolean update(Client client, Instant readAt) {
        return sql.update("update client", "UPDATE clients SET name = ?, type = ?, secret_hash = ?, redirect_uris = ?, "
                + "post_logout_redirect_uris = ?, backchannel_logout_uri = ?, scopes = ?, grants = ?, first_party = ?, "
                + "access_token_ttl = ?, refresh_token_ttl = ?, jwks = ?, self_registered = ?, updated_at = ? WHERE id = ? AND updated_at = ?", s -> {
                    bindFields(s, 1, client);
                    setInstant(s, 14, client.updatedAt());
                    s.setString(15, client.id());
                    setInstant(s, 16, readAt);
                }) == 1;
    }

    @Override
    public boolean delete(String id) {
        return sql.update("delete client", "DELETE FROM clients WHERE id = ?", s -> s.setString(1, id)) == 1;
    }

    /** Binds name to self_registered, thirteen columns from {@code first}. */
    private static void bindFields(PreparedStatement s, int first, Client client) throws SQLException {
        s.setString(first, client.name());
        s.setString(first + 1, client.type().name());
        setText(s, first + 2, client.secretHash());
        s.setString(first + 3, String.join("\n", client.redirectUris()));
        s.setString(first + 4, String.join("\n", client.postLogoutRedirectUris()));
        setText(s, first + 5, client.backchannelLogoutUri());
        setWords(s, first + 6, client.scopes());
        setWords(s, first + 7, client.grants().stream().map(GrantType::wireName).toList());
        s.setInt(first + 8, client.firstParty() ? 1 : 0);
        setSeconds(s, first + 9, client.accessTokenTtl());
        setSeconds(s, first + 10, client.refreshTokenTtl());
        setText(s, first + 11, client.jwks());
        s.setInt(first + 12, client.selfRegistered() ? 1 : 0);
    }

    private static void setSeconds(PreparedStatement s, int index, Optional<Duration> value) throws SQLException {
        if (value.isPresent()) {
            s.setLong(index, value.get().toSeconds());
        } else {
            s.setNull(index, Types.BIGINT);
        }
    }

    private static Client client(ResultSet row) throws SQLException {
        return new Client(row.getString("id"), row.getString("name"), ClientType.valueOf(row.getString("type")), text(row, "secret_hash"), text(row, "jwks"),
                lines(row.getString("redirect_uris")), lines(row.getString("post_logout_redirect_uris")),
                text(row, "backchannel_logout_uri"), words(row, "scopes"),
                words(row, "grants").stream().map(name -> GrantType.fromWireName(name)
                        .orElseThrow(() -> new IllegalStateException("a stored client names an unknown grant"))).collect(Collectors.toSet()),
                row.getInt("first_party") == 1, row.getInt("self_registered") == 1, seconds(row, "access_token_ttl"), seconds(row, "refresh_token_ttl"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }

    private static Optional<Duration> seconds(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Duration.ofSeconds(value));
    }
}
