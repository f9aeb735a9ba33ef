package dev.gatehouse.core.account;

import dev.gatehouse.core.user.User;

/** The outcome of giving a user a role: expected refusals are values, not exceptions. */
public sealed interface RoleChange {
    /** The user now has the role (perhaps already had it). */
    record Changed(User user) implements RoleChange {
    }

    record UserNotFound() implements RoleChange {
    }

    /** The user is the only administrator: demoting them would leave none. */
    record LastAdmin() implements RoleChange {
    }
}
