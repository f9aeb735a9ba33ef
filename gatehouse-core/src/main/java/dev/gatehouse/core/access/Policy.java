package dev.gatehouse.core.access;

import dev.gatehouse.core.user.Role;

import java.util.Set;

/** What a rule demands of the caller. */
public sealed interface Policy {
    /** Anyone, signed in or not: for public pages and assets. */
    record Public() implements Policy {
    }

    /** Any signed-in user. */
    record Authenticated() implements Policy {
    }

    /**
     * A signed-in user holding at least one of the roles.
     *
     * @param anyOf the roles, any one of which lets the caller through; never empty
     */
    record Roles(Set<Role> anyOf) implements Policy {
        /**
         * Copies the roles, refusing an empty set, which nobody could satisfy.
         *
         * @throws IllegalArgumentException when {@code anyOf} is empty
         */
        public Roles {
            anyOf = Set.copyOf(anyOf);
            if (anyOf.isEmpty()) {
                throw new IllegalArgumentException("a roles policy needs at least one role");
            }
        }
    }

    /** Nobody. */
    record Deny() implements Policy {
    }
}
