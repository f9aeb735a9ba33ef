package dev.gatehouse.oidc;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

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
     * Send the browser on, ending a session first when one is named.
     *
     * @param redirect the app's registered post-logout redirect URI with its {@code state}, or empty
     *                 for Gatehouse's own "signed out" page
     * @param session  the session to end: the browser's own, or the one of the {@code id_token_hint};
     *                 empty when there is none to end
     */
    record SignOut(Optional<URI> redirect, Optional<SignedInSession> session) implements EndSessionOutcome {
        /** Refuses a missing part. */
        public SignOut {
            Objects.requireNonNull(redirect, "redirect");
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * A request that may not have carried the session cookie (a POST from an app's own site: the
     * browser keeps a {@code SameSite=Lax} cookie back) and proves no sign-in: nothing is ended and
     * the user is sent on to ask again with a link, which the browser follows with the cookie.
     */
    record AskAgainWithTheCookie() implements EndSessionOutcome {
    }

    /**
     * A session to end, named by its user and id, so that only the user's own session ends.
     *
     * @param userId    the session's user
     * @param sessionId the session
     */
    record SignedInSession(UUID userId, UUID sessionId) {
        /** Refuses a missing part. */
        public SignedInSession {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }
}
