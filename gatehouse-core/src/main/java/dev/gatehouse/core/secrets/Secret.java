package dev.gatehouse.core.secrets;

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

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
