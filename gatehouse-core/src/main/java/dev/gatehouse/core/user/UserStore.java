package dev.gatehouse.core.user;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where users are kept (SPI). Implementations are thread-safe; emails and usernames arrive
 * in their normal form ({@link UserFields#normalise}) and must be unique, which the store enforces atomically (two concurrent
 * registrations of one email: exactly one wins).
 */
public interface UserStore {
    /** Inserts the user; false (and nothing stored) when the id, email or username is taken. */
    boolean insert(User user);

    Optional<User> findById(UUID id);

    Optional<User> findByEmail(String email);

    Optional<User> findByUsername(String username);

    /** Replaces names, role, password hash and updated_at of an existing user; false when absent. */
    boolean update(User user);

    /** Deletes the user; false when absent. */
    boolean delete(UUID id);

    /** Users ordered by creation time, then id: a stable order for paging. */
    List<User> list(int offset, int limit);

    long count();

    /** How many users have the given role. */
    long countWithRole(Role role);
}
