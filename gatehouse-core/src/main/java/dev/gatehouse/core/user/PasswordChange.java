package dev.gatehouse.core.user;

/** The outcome of a password change. */
public sealed interface PasswordChange {
    record Changed(User user) implements PasswordChange {
    }

    record WrongCurrentPassword() implements PasswordChange {
    }

    record UserNotFound() implements PasswordChange {
    }

    record Invalid(String message) implements PasswordChange {
    }
}
