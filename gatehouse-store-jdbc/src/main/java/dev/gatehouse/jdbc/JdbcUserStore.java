package dev.gatehouse.jdbc;

import dev.gatehouse.core.spi.UserStore;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.gatehouse.jdbc.Columns.instant;
import static dev.gatehouse.jdbc.Columns.setInstant;
import static dev.gatehouse.jdbc.Columns.setText;
import static dev.gatehouse.jdbc.Columns.setUuid;
import static dev.gatehouse.jdbc.Columns.text;
import static dev.gatehouse.jdbc.Columns.uuid;

/**
 * Users in a SQL database. The database's unique constraints decide who gets an id, email or
 * username, so two concurrent registrations cannot both win.
 */
public final class JdbcUserStore implements UserStore {
    private static final String COLUMNS =
            "id, email, username, first_name, last_name, name, role, password_hash, created_at, updated_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM users ";
    private static final String INSERT = "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Sql sql;

    /**
     * A store on an open database; it shares the database's pools, and closes with it.
     *
     * @param database the open database that holds the users
     */
    public JdbcUserStore(JdbcDatabase database) {
        this.sql = new Sql(database, "user store");
    }

    @Override
    public boolean insert(User user) {
        Sql.Insert outcome = sql.insert("insert user", INSERT, s -> bind(s, user));
        return switch (outcome) {
            case INSERTED -> true;
            case DUPLICATE -> false;
            case MISSING_REFERENCE -> throw new IllegalStateException("users refer to no other table");
        };
    }

    /**
     * Stores many users at once, up to 100,000 per transaction: for loading a database (the
     * end-to-end benchmark seeds its users so), not for registrations, which use {@link #insert}.
     * Not part of the {@link UserStore} contract; emails and usernames must come lower-cased, as
     * {@link dev.gatehouse.core.user.UserService} gives them.
     *
     * @param users the users to store, in the order given
     * @throws JdbcStoreException when a user's id, email or username is already stored, or the database
     *         fails; the transactions before the failing one stay committed
     */
    public void insertAll(Collection<User> users) {
        insertAll(users, Sql.BULK_BATCH);
    }

    void insertAll(Collection<User> users, int rowsPerTransaction) {
        sql.inBatches("insert users", INSERT, users, rowsPerTransaction, JdbcUserStore::bind);
    }

    private static void bind(PreparedStatement s, User user) throws SQLException {
        setUuid(s, 1, user.id());
        setText(s, 2, user.email());
        setText(s, 3, user.username());
        setText(s, 4, user.firstName());
        setText(s, 5, user.lastName());
        setText(s, 6, user.name());
        s.setString(7, user.role().wireName());
        s.setString(8, user.passwordHash());
        setInstant(s, 9, user.createdAt());
        setInstant(s, 10, user.updatedAt());
    }

    @Override
    public Optional<User> findById(UUID id) {
        return sql.one("find user by id", SELECT + "WHERE id = ?", s -> setUuid(s, 1, id), JdbcUserStore::read);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        if (!storable(email)) {
            return Optional.empty();
        }
        return sql.one("find user by email", SELECT + "WHERE email = ?", s -> s.setString(1, email), JdbcUserStore::read);
    }

    @Override
    public Optional<User> findByUsername(String username) {
        if (!storable(username)) {
            return Optional.empty();
        }
        return sql.one("find user by username", SELECT + "WHERE username = ?", s -> s.setString(1, username), JdbcUserStore::read);
    }

    @Override
    public boolean update(User user) {
        // Email, username and created_at are fixed at registration and deliberately not written.
        return sql.update("update user",
                "UPDATE users SET first_name = ?, last_name = ?, name = ?, role = ?, password_hash = ?, updated_at = ? WHERE id = ?",
                s -> {
                    setText(s, 1, user.firstName());
                    setText(s, 2, user.lastName());
                    setText(s, 3, user.name());
                    s.setString(4, user.role().wireName());
                    s.setString(5, user.passwordHash());
                    setInstant(s, 6, user.updatedAt());
                    setUuid(s, 7, user.id());
                }) == 1;
    }

    /** Deletes the user; the database deletes their sessions with them (ON DELETE CASCADE). */
    @Override
    public boolean delete(UUID id) {
        return sql.update("delete user", "DELETE FROM users WHERE id = ?", s -> setUuid(s, 1, id)) == 1;
    }

    @Override
    public List<User> list(int offset, int limit) {
        // Checked here because SQL reads a negative LIMIT as "no limit" instead of refusing it.
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit cannot be negative");
        }
        return sql.list("list users", SELECT + "ORDER BY created_at, id LIMIT ? OFFSET ?", s -> {
            s.setInt(1, limit);
            s.setInt(2, offset);
        }, JdbcUserStore::read);
    }

    @Override
    public long count() {
        return sql.count("count users", "SELECT COUNT(*) FROM users", s -> { });
    }

    @Override
    public long countWithRole(Role role) {
        return sql.count("count users with role", "SELECT COUNT(*) FROM users WHERE role = ?", s -> s.setString(1, role.wireName()));
    }

    /**
     * Whether a stored email or username could equal this key. PostgreSQL's text cannot hold
     * U+0000 and fails any statement given one, which would turn a login typed with it into a
     * store failure (503). No stored key holds one (the service refuses control characters in
     * what it stores), so on every database none is found, without asking.
     */
    private static boolean storable(String key) {
        return key.indexOf('\u0000') < 0;
    }

    private static User read(ResultSet row) throws SQLException {
        Role role = Role.fromWireName(row.getString("role")).orElseThrow(
                () -> new JdbcStoreException("user store: a stored user has a role this version does not know"));
        return new User(uuid(row, "id"), text(row, "email"), text(row, "username"), text(row, "first_name"),
                text(row, "last_name"), text(row, "name"), role, row.getString("password_hash"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }
}
