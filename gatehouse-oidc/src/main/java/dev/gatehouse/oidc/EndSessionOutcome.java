package dev.gatehouse.oidc;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** What the end-session endpoint answers a browser. */
public sealed interface EndSessionOutcome {
    /**
     * The request names an app or a return address that cannot be trusted: said to the user, the
     * session left as it is, the browser sent nowhere.
     *
     * @param message what is wrong, for the user
     */
    record ErrorPage(String message) implements EndSessionOutcome {
        /** Refuses a missing message. */
        public ErrorPage {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Ask the user first: nothing in the request proves that it comes from an app of this very
     * sign-in, and a link on any page could otherwise sign the user out.
     *
     * @param clientName the app that asks, when the request names one
     */
    record Confirm(Optional<String> clientName) implements EndSessionOutcome {
        /** Refuses a missing part. */
        public Confirm {
            Objects.requireNonNull(clientName, "clientName");
        }
    }

    /**
     * End the browser's session (if it has one) and send the browser on.
     *
     * @param redirect the app's registered post-logout redirect URI with its {@code state}, or empty
     *                 for Gatehouse's own "signed out" page
     */
    record SignOut(Optional<URI> redirect) implements EndSessionOutcome {
        /** Refuses a missing part. */
        public SignOut {
            Objects.requireNonNull(redirect, "redirect");
        }
    }
}
