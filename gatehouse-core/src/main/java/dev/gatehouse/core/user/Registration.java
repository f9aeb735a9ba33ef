package dev.gatehouse.core.user;

/** The outcome of a registration: expected failures are values, not exceptions. */
public sealed interface Registration {
    /**
     * The user was stored.
     *
     * @param user the new user, in the form it was stored
     */
    record Registered(User user) implements Registration {
    }

    /** The email or username belongs to another account. */
    record Conflict() implements Registration {
    }

    /**
     * A field was missing or malformed; {@code field} names it for the caller.
     *
     * @param field the refused field, as the API names it ({@code email}, {@code first_name}...)
     * @param message why, for the caller; it never repeats a password
     */
    record Invalid(String field, String message) implements Registration {
    }
}
