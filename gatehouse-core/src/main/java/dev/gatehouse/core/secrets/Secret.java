package dev.gatehouse.core.secrets;

import dev.gatehouse.core.internal.support.ConstantTime;

import java.util.Objects;

/**
 * A secret setting whose text never appears in {@code toString}, and so never in a log line.
 *
 * @param value the secret text; hidden from {@link #toString}
 */
public record Secret(String value) {
    /** Refuses a missing value. */
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Whether {@code presented} is this secret, compared in time that does not depend on where the
     * two differ, so that a caller cannot find the secret a character at a time by timing.
     *
     * @param presented what a caller presented; may be null, which never matches
     * @return true when it is this secret
     */
    public boolean matches(String presented) {
        return ConstantTime.equals(presented, value);
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
