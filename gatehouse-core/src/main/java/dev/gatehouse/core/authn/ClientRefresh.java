package dev.gatehouse.core.authn;

import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.token.IssuedAccessToken;
import dev.gatehouse.core.user.User;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** What rotating an OpenID client's refresh token gave, or why it gave nothing. */
public sealed interface ClientRefresh {
    /**
     * The refresh token was spent and replaced.
     *
     * @param accessToken  the new access token, for {@code granted}
     * @param refreshToken the refresh token that replaces the one presented
     * @param granted      the scopes of the new access token: those asked for, or the family's
     * @param user         the user the family belongs to
     * @param sessionId    the browser session the family ends with, if it is bound to one
     */
    record Refreshed(IssuedAccessToken accessToken, String refreshToken, ClientGrant granted, User user, Optional<UUID> sessionId)
            implements ClientRefresh {
        /** Refuses a missing part. */
        public Refreshed {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(refreshToken, "refreshToken");
            Objects.requireNonNull(granted, "granted");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /** Refused as {@code invalid_grant}: unknown, expired, revoked, reused, another client's, or its sign-in ended. */
    record InvalidGrant() implements ClientRefresh {
    }

    /** Refused as {@code invalid_scope}: a scope the family was not granted; nothing was spent. */
    record InvalidScope() implements ClientRefresh {
    }
}
