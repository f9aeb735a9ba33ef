package dev.gatehouse.core.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The ways a caller may prove who they are. */
public enum AuthType {
    BASIC,
    SESSION,
    /** Bearer JWT access tokens, and refresh tokens at login. */
    JWT;

    /**
     * One name from {@code AUTH_TYPE}: ours ({@code basic}, {@code session}) or compatibility names
     * ({@code basic_auth}, {@code session_auth}, {@code session_exp_auth}, {@code session_db_auth}).
     * The older expiring and database variants are both plain sessions here: expiry comes from
     * {@code SESSION_DURATION} and persistence from {@code STORE}.
     */
    public static Optional<AuthType> fromName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "basic", "basic_auth" -> Optional.of(BASIC);
            case "session", "session_auth", "session_exp_auth", "session_db_auth" -> Optional.of(SESSION);
            case "jwt", "jwt_auth", "bearer" -> Optional.of(JWT);
            default -> Optional.empty();
        };
    }

    /** What {@code AUTH_TYPE} means when it is not set: Basic and sessions; tokens are asked for with {@code jwt}. */
    public static Set<AuthType> defaults() {
        return EnumSet.of(BASIC, SESSION);
    }
}
