package dev.gatehouse.core.token;

import java.util.Objects;

/** What {@link AccessTokenVerifier#verify} concluded: a value, because a bad token is an expected outcome. */
public sealed interface AccessTokenCheck {
    /**
     * Signature, header policy, type and claims all passed.
     *
     * @param claims what the token says, now verified
     */
    record Valid(AccessTokenClaims claims) implements AccessTokenCheck {
        /** Refuses missing claims. */
        public Valid {
            Objects.requireNonNull(claims, "claims");
        }
    }

    /**
     * The token is bad (answer 401); {@code reason} says why, for logs and the error code.
     *
     * @param reason why the token was refused
     */
    record Invalid(InvalidToken reason) implements AccessTokenCheck {
        /** Refuses a missing reason. */
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
