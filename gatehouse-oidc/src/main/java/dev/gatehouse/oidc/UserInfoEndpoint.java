package dev.gatehouse.oidc;

import dev.gatehouse.core.authn.AuthResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The userinfo endpoint (OpenID Connect Core section 5.3): the claims of the user an access token
 * was issued for, by the scopes the user granted the client. Only a token a client got with the
 * {@code openid} scope is answered: a client's own token speaks for no user, and Gatehouse's own
 * sign-in tokens were not issued to any client.
 */
public final class UserInfoEndpoint {
    /** An endpoint; the claims come from the user as the bearer authenticator read them at this request. */
    public UserInfoEndpoint() {
        // No state: the caller carries the user and the grant.
    }

    /** What the endpoint answers a caller whose token verified. */
    public sealed interface Answer {
        /**
         * The user's claims.
         *
         * @param claims {@code sub} and the claims of the granted scopes
         */
        record Claims(Map<String, Object> claims) implements Answer {
            /** Copies the claims. */
            public Claims {
                claims = Map.copyOf(claims);
            }
        }

        /** The token was not issued to a client with the {@code openid} scope (RFC 6750 {@code insufficient_scope}). */
        record InsufficientScope() implements Answer {
        }
    }

    /**
     * Answers an authenticated caller.
     *
     * @param caller who the request's access token proved
     * @return the claims, or why there are none
     */
    public Answer answer(AuthResult caller) {
        if (caller instanceof AuthResult.Authenticated user && user.grant().filter(grant -> grant.has("openid")).isPresent()) {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", user.user().id().toString());
            claims.putAll(UserClaims.of(user.user(), user.grant().get().scopes()));
            return new Answer.Claims(claims);
        }
        return new Answer.InsufficientScope();
    }
}
