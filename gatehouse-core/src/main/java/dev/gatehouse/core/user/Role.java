package dev.gatehouse.core.user;

import java.util.Locale;
import java.util.Optional;

/** What a user may do: {@code common} users act on themselves, {@code admin}s on everyone. */
public enum Role {
    COMMON,
    ADMIN;

    /** The name used in JSON and in the store. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWireName(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "common" -> Optional.of(COMMON);
            case "admin" -> Optional.of(ADMIN);
            default -> Optional.empty();
        };
    }
}
