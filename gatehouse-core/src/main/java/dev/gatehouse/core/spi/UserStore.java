package dev.gatehouse.core.spi;

import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserFields;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where users are kept (SPI). Implementations are thread-safe; emails and usernames arrive
 * in their normal form ({@link UserFields#normalise}) and must be unique, which the store enforces atomically (two concurrent
 * registrations of one email: exactly one wins).
 */
public interface UserStore {
    /**
     * Inserts the user; false (and nothing stored) when the id, email or username is taken.
     *
     * @param user the new user, email and username in their normal form
     * @return true when stored, false when something unique is taken
     */
    boolean insert(User user);

    /**
     * The user with this id.
     *
     * @param id the user's id
     * @return the user, or empty
     */
    Optional<User> findById(UUID id);

    /**
     * The user with this email, compared exactly.
     *
     * @param email an email in its normal form
     * @return the user, or empty
     */
    Optional<User> findByEmail(String email);

    /**
     * The user with this username, compared exactly.
     *
     * @param username a username in its normal form
     * @return the user, or empty
     */
    Optional<User> findByUsername(String username);

    /**
     * Replaces names, role, password hash and updated_at of an existing user; false when absent.
     *
     * <p>Email, username and creation time are fixed at registration and left as stored.
     *
     * @param user the user with its new values, found by id
     * @return true when replaced, false when there is no such user
     */
    boolean update(User user);

    /**
     * Deletes the user; false when absent.
     *
     * @param id the user's id
     * @return true when a user was deleted
     */
    boolean delete(UUID id);

    /**
     * Users ordered by creation time, then id: a stable order for paging.
     *
     * @param offset how many users to skip
     * @param limit the most users to return
     * @return the page, possibly empty
     */
    List<User> list(int offset, int limit);

    /**
     * How many users there are.
     *
     * @return the number of stored users
     */
    long count();

    /**
     * How many users have the given role.
     *
     * @param role the role to count
     * @return the number of users holding it
     */
    long countWithRole(Role role);
}
