package dev.gatehouse.core.authn;

/** The outcome of presenting a refresh token. */
public sealed interface RefreshOutcome {
    /**
     * The refresh token was spent and replaced.
     *
     * @param tokens the new access token and the refresh token that replaces the one presented
     */
    record Refreshed(TokenPair tokens) implements RefreshOutcome {
    }

    /**
     * Refused: unknown, expired, revoked, reused (the family is then revoked), or the user or
     * sign-in it belongs to is gone. OAuth answers all of them with {@code invalid_grant}.
     *
     * @param reason a stable code for logs ({@code refresh_token_reused}, {@code sign_in_ended} or a
     *        {@link dev.gatehouse.core.internal.token.RefreshFailure} code); not for the client
     */
    record Refused(String reason) implements RefreshOutcome {
    }
}
