package dev.gatehouse.core.user;

import java.util.Objects;
import java.util.Optional;

/** What a registration asks for, as received (validation happens in {@link UserService#register}). */
public record NewUser(Optional<String> email, Optional<String> username, String password, UserNames names, Role role) {
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
