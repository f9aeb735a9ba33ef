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

    /** A signed-in user holding at least one of the roles. */
    record Roles(Set<Role> anyOf) implements Policy {
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
