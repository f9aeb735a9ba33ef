package dev.gatehouse.core.user;

import java.util.Objects;
import java.util.Optional;

/**
 * The names a user may change about themself.
 *
 * @param firstName the first name; empty when not given
 * @param lastName the last name; empty when not given
 * @param name the display name; empty when not given
 */
public record UserNames(Optional<String> firstName, Optional<String> lastName, Optional<String> name) {
    /** Refuses a missing component; an absent name is an empty {@link Optional}. */
    public UserNames {
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(name, "name");
    }

    /**
     * No names at all.
     *
     * @return names with every component empty
     */
    public static UserNames none() {
        return new UserNames(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
