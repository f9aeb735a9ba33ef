package dev.gatehouse.http;

import java.util.Locale;
import java.util.Optional;

/**
 * The kind of reverse proxy that asks {@code /auth/verify} ({@code GATEHOUSE_FORWARD_AUTH_PROXY}).
 * Each kind sets, and overwrites, its own headers naming the original request; the other kind's
 * headers may be a copy of whatever the client sent (Traefik and Caddy pass the client's headers
 * into the auth request). Reading only the configured kind's headers keeps a client from naming
 * a public path in a header the proxy does not control.
 */
public enum ForwardAuthProxy {
    /** {@code auth_request} with {@code X-Original-URI} and {@code X-Original-Method}. */
    NGINX,
    /** {@code ForwardAuth} with {@code X-Forwarded-Uri}, {@code -Method}, {@code -Host}, {@code -Proto}. */
    TRAEFIK,
    /** {@code forward_auth} with {@code X-Forwarded-Uri}, {@code -Method}, {@code -Host}, {@code -Proto}. */
    CADDY;

    /** The documented configurations are nginx first; the other kinds must be named. */
    public static final ForwardAuthProxy DEFAULT = NGINX;

    /**
     * Reads the setting: {@code nginx}, {@code traefik} or {@code caddy}, ignoring case and
     * surrounding white space.
     *
     * @param text the setting's value
     * @return the kind, or empty for any other name: an unknown proxy is refused, not guessed at
     */
    public static Optional<ForwardAuthProxy> parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "nginx" -> Optional.of(NGINX);
            case "traefik" -> Optional.of(TRAEFIK);
            case "caddy" -> Optional.of(CADDY);
            default -> Optional.empty();
        };
    }

    /**
     * The setting's value, as {@link #parse} reads it.
     *
     * @return the lower-case name, for example {@code nginx}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
