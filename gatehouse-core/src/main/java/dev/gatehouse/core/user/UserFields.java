package dev.gatehouse.core.user;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Shape rules for the fields of a user; each returns why a value is refused, or empty. */
public final class UserFields {
    public static final int MAX_NAME_LENGTH = 200;
    // Deliberately plain: one @, no spaces or controls, a dot-free or dotted domain. Deliverability is the mailer's concern.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,189}");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private UserFields() {
    }

    /** Emails and usernames are compared case-insensitively: they are stored lower-cased. */
    public static String normalise(String loginName) {
        return loginName.trim().toLowerCase(Locale.ROOT);
    }

    public static Optional<String> emailViolation(String email) {
        return EMAIL.matcher(email).matches() ? Optional.empty()
                : Optional.of("email must look like name@domain, with no spaces, at most 254 characters");
    }

    public static Optional<String> usernameViolation(String username) {
        return USERNAME.matcher(username).matches() ? Optional.empty()
                : Optional.of("username must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    public static Optional<String> nameViolation(String field, String value) {
        if (value.codePointCount(0, value.length()) > MAX_NAME_LENGTH) {
            return Optional.of(field + " must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(field + " must not contain control characters");
        }
        return Optional.empty();
    }
}
