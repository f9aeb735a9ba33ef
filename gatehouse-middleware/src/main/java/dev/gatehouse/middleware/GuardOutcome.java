package dev.gatehouse.middleware;

import dev.gatehouse.core.problem.ProblemCode;
import java.util.Objects;
import java.util.Optional;

/** What {@link GatehouseGuard} concluded about a request. */
public sealed interface GuardOutcome {
    /**
     * Let the request through; the identity, when the caller is signed in, goes on the request.
     *
     * @param identity the signed-in caller, or empty on a public path reached without (valid) credentials
     */
    record Proceed(Optional<Identity> identity) implements GuardOutcome {
        /**
         * Checks that {@code identity} is not null; it may be empty.
         *
         * @param identity the signed-in caller, or empty
         * @throws NullPointerException when {@code identity} is null
         */
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

    /**
     * Answer 400: the request cannot be judged unambiguously (a path that frameworks read in
     * different ways, or one the app's framework reads as another path than the guard; a method
     * override that is not a method). Refused, never guessed at.
     *
     * @param code   a stable code for clients ({@link ProblemCode#BAD_PATH}, {@link ProblemCode#BAD_METHOD_OVERRIDE}); one answered 400
     * @param detail why, in words; holds nothing from the request
     */
    record BadRequest(ProblemCode code, String detail) implements GuardOutcome {
        /**
         * Checks that the code is one answered 400.
         *
         * @param code   a stable code for clients, one answered 400
         * @param detail why, in words; holds nothing from the request
         * @throws NullPointerException when either is null
         * @throws IllegalArgumentException when the code is answered with another status
         */
        public BadRequest {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
            if (code.status() != 400) {
                throw new IllegalArgumentException(code + " is not a bad request: it is answered " + code.status());
            }
        }
    }

    /**
     * Answer 403: signed in without the role, or a deny rule.
     *
     * @param identity the signed-in caller, or empty when a deny rule refused a caller without credentials
     */
    record Forbidden(Optional<Identity> identity) implements GuardOutcome {
        /**
         * Checks that {@code identity} is not null; it may be empty.
         *
         * @param identity the signed-in caller, or empty
         * @throws NullPointerException when {@code identity} is null
         */
        public Forbidden {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * A browser navigation sent elsewhere with 302: to the login page, or (signed in) from it to the app.
     *
     * @param location the {@code Location} to send the browser to
     */
    record Redirect(String location) implements GuardOutcome {
        /**
         * Checks the location is present.
         *
         * @param location the {@code Location} to send the browser to
         * @throws NullPointerException when {@code location} is null
         */
        public Redirect {
            Objects.requireNonNull(location, "location");
        }
    }

    /** Answer 503: a session cookie was sent and the server could not be asked about it (fail closed). */
    record Unavailable() implements GuardOutcome {
    }
}
