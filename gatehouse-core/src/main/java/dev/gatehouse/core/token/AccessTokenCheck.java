package dev.gatehouse.core.token;

import java.util.Objects;

/** What {@link AccessTokenVerifier#verify} concluded: a value, because a bad token is an expected outcome. */
public sealed interface AccessTokenCheck {
    record Valid(AccessTokenClaims claims) implements AccessTokenCheck {
        public Valid {
            Objects.requireNonNull(claims, "claims");
        }
    }

    record Invalid(InvalidToken reason) implements AccessTokenCheck {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
