package dev.gatehouse.core.account;

import dev.gatehouse.core.user.User;

/** The outcome of giving a user a role: expected refusals are values, not exceptions. */
public sealed interface RoleChange {
    /**
     * The user now has the role (perhaps already had it).
     *
     * @param user the user as stored now
     */
    record Changed(User user) implements RoleChange {
    }

    /** There is no user with that id (any more); nothing changed. */
    record UserNotFound() implements RoleChange {
    }

    /** The user is the only administrator: demoting them would leave none. */
    record LastAdmin() implements RoleChange {
    }
}
