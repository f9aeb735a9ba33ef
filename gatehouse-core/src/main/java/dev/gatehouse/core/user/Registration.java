package dev.gatehouse.core.user;

/** The outcome of a registration: expected failures are values, not exceptions. */
public sealed interface Registration {
    record Registered(User user) implements Registration {
    }

    /** The email or username belongs to another account. */
    record Conflict() implements Registration {
    }

    /** A field was missing or malformed; {@code field} names it for the caller. */
    record Invalid(String field, String message) implements Registration {
    }
}
