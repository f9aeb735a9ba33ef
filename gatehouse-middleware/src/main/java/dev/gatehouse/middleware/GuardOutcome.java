package dev.gatehouse.middleware;

import java.util.Objects;
import java.util.Optional;

/** What {@link GatehouseGuard} concluded about a request. */
public sealed interface GuardOutcome {
    /** Let the request through; the identity, when the caller is signed in, goes on the request. */
    record Proceed(Optional<Identity> identity) implements GuardOutcome {
        public Proceed {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * Answer 401 with {@code WWW-Authenticate: Bearer}.
     *
     * @param invalidToken true when a token was sent but did not verify (then
     *                     {@code error="invalid_token"}, RFC 6750 3.1)
     */
    record Unauthorized(boolean invalidToken) implements GuardOutcome {
    }

    /** Answer 403: signed in without the role, a deny rule, or a path that cannot be read unambiguously. */
    record Forbidden(Optional<Identity> identity) implements GuardOutcome {
        public Forbidden {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /** A browser navigation sent elsewhere with 302: to the login page, or (signed in) from it to the app. */
    record Redirect(String location) implements GuardOutcome {
        public Redirect {
            Objects.requireNonNull(location, "location");
        }
    }

    /** Answer 503: a session cookie was sent and the server could not be asked about it (fail closed). */
    record Unavailable() implements GuardOutcome {
    }
}
