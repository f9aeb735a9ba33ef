package dev.gatehouse.core.user;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A registered user. At least one of email and username is present; both are stored in their normal
 * form ({@link UserFields#normalise}) so that {@code Alice}, {@code alice} and {@code ａｌｉｃｅ} cannot be
 * three accounts.
 *
 * @param id the user's permanent id, also the {@code sub} of their access tokens
 * @param email the email in its normal form; empty when the user signs in by username only
 * @param username the username in its normal form; empty when the user signs in by email only
 * @param firstName the first name, as given
 * @param lastName the last name, as given
 * @param name the display name, as given
 * @param role what the user may do
 * @param passwordHash Argon2id PHC string; never leaves the library ({@link #toString} hides it)
 * @param createdAt when the user registered
 * @param updatedAt when the record last changed
 */
public record User(
        UUID id,
        Optional<String> email,
        Optional<String> username,
        Optional<String> firstName,
        Optional<String> lastName,
        Optional<String> name,
        Role role,
        String passwordHash,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * Refuses a missing component, and a user with neither an email nor a username, who could never sign in.
     *
     * @throws IllegalArgumentException when both the email and the username are empty
     */
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (email.isEmpty() && username.isEmpty()) {
            throw new IllegalArgumentException("a user needs an email or a username");
        }
    }

    /**
     * This user with other names.
     *
     * @param names the new first, last and display names
     * @param now the time of the change, the new {@code updatedAt}
     * @return the changed copy; this one is unchanged
     */
    public User withNames(UserNames names, Instant now) {
        return new User(id, email, username, names.firstName(), names.lastName(), names.name(), role, passwordHash, createdAt, now);
    }

    /**
     * This user with another password hash.
     *
     * @param newHash the new Argon2id PHC string
     * @param now the time of the change, the new {@code updatedAt}
     * @return the changed copy; this one is unchanged
     */
    public User withPasswordHash(String newHash, Instant now) {
        return new User(id, email, username, firstName, lastName, name, role, newHash, createdAt, now);
    }

    /**
     * This user with another role.
     *
     * @param newRole the new role
     * @param now the time of the change, the new {@code updatedAt}
     * @return the changed copy; this one is unchanged
     */
    public User withRole(Role newRole, Instant now) {
        return new User(id, email, username, firstName, lastName, name, newRole, passwordHash, createdAt, now);
    }

    /**
     * The best short label for logs and greetings: username, else email.
     *
     * @return the username when there is one, else the email
     */
    public String label() {
        return username.or(() -> email).orElseThrow();
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username.orElse("-") + ", email=" + email.orElse("-") + ", role=" + role.wireName() + "]";
    }
}
