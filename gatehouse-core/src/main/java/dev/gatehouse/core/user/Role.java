package dev.gatehouse.core.user;

import java.util.Locale;
import java.util.Optional;

/** What a user may do: {@code common} users act on themselves, {@code admin}s on everyone. */
public enum Role {
    /** A user who may read and change their own account only. */
    COMMON,
    /** A user who may manage every account, roles included. */
    ADMIN;

    /**
     * The name used in JSON and in the store.
     *
     * @return {@code common} or {@code admin}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a role from JSON or the store, ignoring case and surrounding spaces.
     *
     * @param name the wire name, such as {@code admin}; may be null
     * @return the role, or empty when the name is null or names no role
     */
    public static Optional<Role> fromWireName(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "common" -> Optional.of(COMMON);
            case "admin" -> Optional.of(ADMIN);
            default -> Optional.empty();
        };
    }
}
