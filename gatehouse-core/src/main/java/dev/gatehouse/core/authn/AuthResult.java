package dev.gatehouse.core.authn;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.user.User;

import java.util.Objects;
import java.util.Optional;

/** The outcome of authenticating a request: a value, never an exception. */
public sealed interface AuthResult {
    record Authenticated(User user, AuthMethod method, Optional<Session> session) implements AuthResult {
        public Authenticated {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(session, "session");
        }
    }

    /** No credential was presented. */
    record Anonymous() implements AuthResult {
    }

    /** A credential was presented and refused. */
    record Rejected(Rejection reason) implements AuthResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
