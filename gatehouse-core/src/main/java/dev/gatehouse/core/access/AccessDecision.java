package dev.gatehouse.core.access;

import dev.gatehouse.core.user.User;

import java.util.Optional;

/** What the rules say of a request. */
public sealed interface AccessDecision {
    /** Let it through; the caller, when signed in, is named for the upstream. */
    record Allow(Optional<User> user) implements AccessDecision {
    }

    /**
     * Sign-in needed. A browser navigation goes to {@code page} when the rule names one, else to
     * the login page; an API call gets 401.
     */
    record SignInRequired(Optional<String> page) implements AccessDecision {
    }

    /** Not allowed: signed in without the role, or a deny rule (then even when signed out). */
    record Forbidden(Optional<User> user) implements AccessDecision {
    }

    /**
     * A signed-in browser is sent elsewhere (for example from the login page to the app). For a
     * request that is not a browser navigation this means {@link Allow}.
     */
    record SendSignedIn(String page, User user) implements AccessDecision {
    }

    /** The path is ambiguous (dot segments, {@code ;}, {@code //}, encoded separators) or malformed: refused outright. */
    record BadPath(String reason) implements AccessDecision {
    }
}
