package dev.gatehouse.core.authn;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.user.User;

import java.util.Objects;
import java.util.Optional;

/** The outcome of authenticating a request: a value, never an exception. */
public sealed interface AuthResult {
    /**
     * The caller is a known user.
     *
     * @param user the user, as stored at this request
     * @param method the kind of credential that proved it
     * @param session the session the credential belongs to, for a session cookie; empty otherwise
     */
    record Authenticated(User user, AuthMethod method, Optional<Session> session) implements AuthResult {
        /** Refuses a missing component. */
        public Authenticated {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(session, "session");
        }
    }

    /** No credential was presented. */
    record Anonymous() implements AuthResult {
    }

    /**
     * A credential was presented and refused.
     *
     * @param reason why, and which problem to answer with
     */
    record Rejected(Rejection reason) implements AuthResult {
        /** Refuses a missing reason. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
