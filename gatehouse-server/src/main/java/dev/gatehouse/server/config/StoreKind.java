package dev.gatehouse.server.config;

import java.util.Locale;
import java.util.Optional;

/** Where users and sessions live. */
public enum StoreKind {
    /** Embedded SQLite file: survives restarts. The default. */
    SQLITE,
    /** Process memory: everything is gone when the process stops. For tests and trials. */
    MEMORY,
    /** A PostgreSQL database ({@code GATEHOUSE_DB_URL}), which several instances may share. */
    POSTGRES;

    public static Optional<StoreKind> fromName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "sqlite" -> Optional.of(SQLITE);
            case "memory" -> Optional.of(MEMORY);
            case "postgres", "postgresql" -> Optional.of(POSTGRES);
            default -> Optional.empty();
        };
    }
}
