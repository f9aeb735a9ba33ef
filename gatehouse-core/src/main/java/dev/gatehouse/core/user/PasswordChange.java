package dev.gatehouse.core.user;

/** The outcome of a password change. */
public sealed interface PasswordChange {
    /**
     * The password was changed.
     *
     * @param user the user as stored, with the new password hash
     */
    record Changed(User user) implements PasswordChange {
    }

    /** The current password given was wrong (or missing), so nothing changed. */
    record WrongCurrentPassword() implements PasswordChange {
    }

    /** There is no user with that id (any more). */
    record UserNotFound() implements PasswordChange {
    }

    /**
     * The new password is refused by the {@link dev.gatehouse.core.password.PasswordPolicy}.
     *
     * @param message why, for the user; it never repeats the password
     */
    record Invalid(String message) implements PasswordChange {
    }
}
