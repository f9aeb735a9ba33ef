package dev.gatehouse.core.password;

import dev.gatehouse.core.internal.password.CommonPasswords;

import java.util.Optional;

/**
 * Which passwords are accepted: 8 to 1024 characters (code points), checked exactly as sent, and
 * not one of the {@linkplain CommonPasswords most commonly used} (NIST SP 800-63B), which are the
 * first guesses of any attacker. No trimming, no normalisation and no truncation, so what the user
 * typed is what is hashed. The upper bound only keeps a single request from carrying megabytes
 * into the hasher.
 */
public final class PasswordPolicy {
    /** The fewest code points a password may have. */
    public static final int MIN_LENGTH = 8;
    /** The most code points a password may have. */
    public static final int MAX_LENGTH = 1024;

    private PasswordPolicy() {
    }

    /**
     * Why the password is refused, or empty when it is acceptable.
     *
     * @param password the password as typed; may be null
     * @return why it is refused, for the user, never repeating it; empty when it is accepted
     */
    public static Optional<String> violation(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("password is required");
        }
        if (hasUnpairedSurrogate(password)) {
            // Not text: the hasher would turn each lone surrogate into '?', making different passwords equal.
            return Optional.of("password must be valid Unicode text");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("password must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("password must be at most " + MAX_LENGTH + " characters");
        }
        if (CommonPasswords.contains(password)) {
            // Says why without repeating the password: answers and logs never hold one.
            return Optional.of("this password is one of the most commonly used; choose another");
        }
        return Optional.empty();
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
