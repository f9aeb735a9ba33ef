package dev.gatehouse.core.secrets;

import java.util.Objects;

/** A secret setting whose text never appears in {@code toString}, and so never in a log line. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
