package dev.gatehouse.core.token;

import java.util.Objects;

/** What {@link AccessTokenVerifier#verify} concluded: a value, because a bad token is an expected outcome. */
public sealed interface AccessTokenCheck {
    /** Signature, header policy, type and claims all passed. */
    record Valid(AccessTokenClaims claims) implements AccessTokenCheck {
        public Valid {
            Objects.requireNonNull(claims, "claims");
        }
    }

    /** The token is bad (answer 401); {@code reason} says why, for logs and the error code. */
    record Invalid(InvalidToken reason) implements AccessTokenCheck {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
