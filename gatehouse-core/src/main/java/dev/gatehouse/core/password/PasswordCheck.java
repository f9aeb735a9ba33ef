package dev.gatehouse.core.password;

/** What checking a password against a stored hash found. */
public enum PasswordCheck {
    /** The password is right. */
    MATCH,
    /** The password is right, but its hash was made with weaker parameters than today's: hash it anew. */
    MATCH_NEEDS_REHASH,
    /** The password is wrong (or the stored hash unusable). */
    MISMATCH;

    /**
     * Whether the password was right, whatever the hash's parameters.
     *
     * @return false only for {@link #MISMATCH}
     */
    public boolean matches() {
        return this != MISMATCH;
    }
}
