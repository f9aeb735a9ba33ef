package dev.gatehouse.core.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Page routing for browser navigations: where a signed-in browser is sent instead
 * (the login page sends it on to the app), and where a signed-out one is sent (the app's pages
 * send it to the login page).
 *
 * @param whenSignedIn where a signed-in browser is sent instead; empty to let it through
 * @param whenSignedOut where a signed-out browser is sent when a sign-in is needed; empty for the login page
 */
public record PageRedirects(Optional<String> whenSignedIn, Optional<String> whenSignedOut) {
    /** Refuses a missing component; no redirect is an empty {@link Optional}. */
    public PageRedirects {
        Objects.requireNonNull(whenSignedIn, "whenSignedIn");
        Objects.requireNonNull(whenSignedOut, "whenSignedOut");
    }

    /**
     * No redirects: browsers are let through or sent to the login page, as the policy says.
     *
     * @return redirects with both pages empty
     */
    public static PageRedirects none() {
        return new PageRedirects(Optional.empty(), Optional.empty());
    }
}
