package dev.gatehouse.middleware;

import java.util.Objects;

/** What the server's introspection said of a session cookie. */
public sealed interface SessionCheck {
    /**
     * The session is live and belongs to this caller.
     *
     * @param caller whose session it is, as the server said
     */
    record Live(VerifiedCaller caller) implements SessionCheck {
        /**
         * Checks the caller is present.
         *
         * @param caller whose session it is
         * @throws NullPointerException when {@code caller} is null
         */
        public Live {
            Objects.requireNonNull(caller, "caller");
        }
    }

    /** Unknown, ended or expired: the cookie counts as none. */
    record NotLive() implements SessionCheck {
    }

    /**
     * The server could not be asked or gave no usable answer: nobody is signed in by this cookie,
     * and a protected path answers 503 rather than 401 (the user's sign-in may well be fine).
     */
    record Unavailable() implements SessionCheck {
    }
}
