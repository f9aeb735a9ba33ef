package dev.gatehouse.oidc;

import dev.gatehouse.core.client.Client;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/** What the authorization endpoint answers a browser. */
public sealed interface AuthorizeOutcome {
    /**
     * The request cannot be answered at the client: its client or redirect URI is unknown, missing
     * or does not match, so sending the browser there could deliver an error, or a code, to whoever
     * wrote the URL (RFC 6749 section 4.1.2.1). Shown to the user instead, as a 400 page.
     *
     * @param message what is wrong, for the user
     */
    record ErrorPage(String message) implements AuthorizeOutcome {
        /** Refuses a missing message. */
        public ErrorPage {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Send the browser back to the client: with a code, or with an error the client can read.
     *
     * @param location the registered redirect URI with the response's parameters
     */
    record Redirect(URI location) implements AuthorizeOutcome {
        /** Refuses a missing location. */
        public Redirect {
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * The user must sign in (again) first; after signing in the browser comes back to the same
     * request, which then counts only a sign-in made after this answer.
     */
    record SignIn() implements AuthorizeOutcome {
    }

    /**
     * The user must allow the client the scopes first, on the consent page.
     *
     * @param client the client asking
     * @param scopes the scopes it asks for, none of them unregistered
     */
    record AskConsent(Client client, Set<String> scopes) implements AuthorizeOutcome {
        /** Copies the scopes. */
        public AskConsent {
            Objects.requireNonNull(client, "client");
            scopes = Set.copyOf(scopes);
        }
    }
}
