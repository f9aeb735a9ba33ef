package dev.gatehouse.core.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Page routing for browser navigations: where a signed-in browser is sent instead
 * (the login page sends it on to the app), and where a signed-out one is sent (the app's pages
 * send it to the login page).
 */
public record PageRedirects(Optional<String> whenSignedIn, Optional<String> whenSignedOut) {
    public PageRedirects {
        Objects.requireNonNull(whenSignedIn, "whenSignedIn");
        Objects.requireNonNull(whenSignedOut, "whenSignedOut");
    }

    public static PageRedirects none() {
        return new PageRedirects(Optional.empty(), Optional.empty());
    }
}
