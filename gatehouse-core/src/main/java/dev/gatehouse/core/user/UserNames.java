package dev.gatehouse.core.user;

import java.util.Objects;
import java.util.Optional;

/** The names a user may change about themself. */
public record UserNames(Optional<String> firstName, Optional<String> lastName, Optional<String> name) {
    public UserNames {
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(name, "name");
    }

    public static UserNames none() {
        return new UserNames(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
