package dev.gatehouse.core.access;

import dev.gatehouse.core.user.User;

import java.util.Optional;

/** What the rules say of a request. */
public sealed interface AccessDecision {
    /**
     * Let it through; the caller, when signed in, is named for the upstream.
     *
     * @param user the signed-in caller; empty for an anonymous caller on a public path
     */
    record Allow(Optional<User> user) implements AccessDecision {
    }

    /**
     * Sign-in needed. A browser navigation goes to {@code page} when the rule names one, else to
     * the login page; an API call gets 401.
     *
     * @param page the page the rule sends a signed-out browser to; empty for the login page
     */
    record SignInRequired(Optional<String> page) implements AccessDecision {
    }

    /**
     * Not allowed: signed in without the role, or a deny rule (then even when signed out).
     *
     * @param user the signed-in caller; empty when a deny rule refused an anonymous one
     */
    record Forbidden(Optional<User> user) implements AccessDecision {
    }

    /**
     * A signed-in browser is sent elsewhere (for example from the login page to the app). For a
     * request that is not a browser navigation this means {@link Allow}.
     *
     * @param page where to send the browser
     * @param user the signed-in caller
     */
    record SendSignedIn(String page, User user) implements AccessDecision {
    }

    /**
     * The path is ambiguous (dot segments, {@code ;}, {@code //}, encoded separators) or malformed: refused outright.
     *
     * @param reason why the path was refused, for logs and the problem detail
     */
    record BadPath(String reason) implements AccessDecision {
    }
}
