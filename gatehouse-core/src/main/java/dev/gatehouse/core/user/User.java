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
 * @param passwordHash Argon2id PHC string; never leaves the library ({@link #toString} hides it)
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

    public User withNames(UserNames names, Instant now) {
        return new User(id, email, username, names.firstName(), names.lastName(), names.name(), role, passwordHash, createdAt, now);
    }

    public User withPasswordHash(String newHash, Instant now) {
        return new User(id, email, username, firstName, lastName, name, role, newHash, createdAt, now);
    }

    public User withRole(Role newRole, Instant now) {
        return new User(id, email, username, firstName, lastName, name, newRole, passwordHash, createdAt, now);
    }

    /** The best short label for logs and greetings: username, else email. */
    public String label() {
        return username.or(() -> email).orElseThrow();
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username.orElse("-") + ", email=" + email.orElse("-") + ", role=" + role.wireName() + "]";
    }
}
