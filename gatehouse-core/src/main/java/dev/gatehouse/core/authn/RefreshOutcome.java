package dev.gatehouse.core.authn;

/** The outcome of presenting a refresh token. */
public sealed interface RefreshOutcome {
    record Refreshed(TokenPair tokens) implements RefreshOutcome {
    }

    /**
     * Refused: unknown, expired, revoked, reused (the family is then revoked), or the user or
     * sign-in it belongs to is gone. OAuth answers all of them with {@code invalid_grant}.
     */
    record Refused(String reason) implements RefreshOutcome {
    }
}
