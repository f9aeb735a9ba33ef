package dev.gatehouse.http;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may create users through {@code POST /api/v1/users} ({@code GATEHOUSE_REGISTRATION}). The
 * command line ({@code gatehouse users add}) and the start-up admin ({@code GATEHOUSE_ADMIN_EMAIL})
 * create users whatever this says: they need access to the store, not to the API.
 */
public enum RegistrationMode {
    /** Anyone who can reach the server may make an account: for public sign-up only. */
    OPEN,
    /**
     * Only a signed-in admin. The default: a server put behind a proxy protects its apps with
     * the accounts it holds, and an open door would let any stranger make one and walk in.
     */
    ADMIN,
    /** Nobody over HTTP; users come from the command line and the start-up settings only. */
    CLOSED;

    /**
     * Reads the setting: {@code open}, {@code admin} or {@code closed}, ignoring case and
     * surrounding white space.
     *
     * @param name the setting's value
     * @return the mode, or empty for any other name: an unknown mode is refused, not read as open
     */
    public static Optional<RegistrationMode> fromName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "open" -> Optional.of(OPEN);
            case "admin" -> Optional.of(ADMIN);
            case "closed" -> Optional.of(CLOSED);
            default -> Optional.empty();
        };
    }

    /**
     * The name settings use, for example {@code admin}.
     *
     * @return the lower-case name, as {@link #fromName} reads it
     */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
