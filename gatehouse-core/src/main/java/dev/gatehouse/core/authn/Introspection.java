package dev.gatehouse.core.authn;

import dev.gatehouse.core.client.ClientGrant;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** What RFC 7662 introspection says of a presented token. */
public sealed interface Introspection {
    /** Unknown, expired, revoked or forged: RFC 7662 tells a resource server no more than that. */
    record Inactive() implements Introspection {
    }

    /**
     * The token is live: the user it belongs to and what RFC 7662 lets a resource server know of it.
     *
     * @param tokenType {@code access_token}, {@code refresh_token} or {@code session}
     * @param subject   the user's id ({@code sub}), or a client's id for a client acting as itself
     * @param username  the user's username; for a refresh token, the email when there is no username
     * @param email     the user's email where the token's record leads to the user (not for access tokens,
     *                  which are judged from their claims alone)
     * @param role      the user's role by its wire name ({@code common}, {@code admin})
     * @param issuedAt  when the token was issued, or the session started
     * @param expiresAt when it ends if unused; empty for a session configured never to end
     * @param jti       the access token's id; empty for other tokens
     * @param sessionId the sign-in it belongs to, when it belongs to one
     * @param grant     the client an access token was issued to and its scopes ({@code client_id},
     *                  {@code scope}); empty for Gatehouse's own tokens and sessions
     */
    record Active(String tokenType, String subject, Optional<String> username, Optional<String> email, Optional<String> role,
                  Instant issuedAt, Optional<Instant> expiresAt, Optional<String> jti, Optional<UUID> sessionId,
                  Optional<ClientGrant> grant) implements Introspection {
        /** Refuses a missing component; an absent value is an empty {@link Optional}. */
        public Active {
            Objects.requireNonNull(tokenType, "tokenType");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(grant, "grant");
        }
    }
}
