package dev.gatehouse.core.user;

import java.util.Objects;
import java.util.Optional;

/**
 * What a registration asks for, as received (validation happens in {@link UserService#register}).
 *
 * @param email the email to sign in with, as typed; empty or blank when the user has none
 * @param username the username to sign in with, as typed; empty or blank when the user has none
 * @param password the password in clear, hashed at registration and never kept; hidden from {@link #toString}
 * @param names the user's display names
 * @param role the role the new user gets
 */
public record NewUser(Optional<String> email, Optional<String> username, String password, UserNames names, Role role) {
    /** Refuses a missing component; the values themselves are judged at registration. */
    public NewUser {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String toString() {
        return "NewUser[email=" + email.orElse("-") + ", username=" + username.orElse("-") + ", role=" + role.wireName() + "]";
    }
}
