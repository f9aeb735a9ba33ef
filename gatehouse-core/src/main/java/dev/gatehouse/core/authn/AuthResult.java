package dev.gatehouse.core.authn;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientGrant;
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
     * @param grant for an access token issued to a client, that client and the scopes the user
     *        granted it (still registered to it); empty for Gatehouse's own sign-in. A caller with a
     *        grant is an app acting for the user, not the user: Gatehouse's own account and admin
     *        API refuse it, so a token handed to a third-party app cannot manage the user's account
     */
    record Authenticated(User user, AuthMethod method, Optional<Session> session, Optional<ClientGrant> grant) implements AuthResult {
        /** Refuses a missing component. */
        public Authenticated {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(grant, "grant");
        }

        /**
         * A user who signed in with Gatehouse itself (no client in between).
         *
         * @param user the user, as stored at this request
         * @param method the kind of credential that proved it
         * @param session the session the credential belongs to, for a session cookie; empty otherwise
         */
        public Authenticated(User user, AuthMethod method, Optional<Session> session) {
            this(user, method, session, Optional.empty());
        }
    }

    /**
     * The caller is a registered client acting as itself, with an access token it got by
     * {@code client_credentials}. It holds no user's rights: only rules that name the client let it through.
     *
     * @param client the client, as stored at this request
     * @param grant  the client's id and the scopes of the token that are still registered to it
     */
    record ClientAuthenticated(Client client, ClientGrant grant) implements AuthResult {
        /** Refuses a missing component or a grant of another client. */
        public ClientAuthenticated {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(grant, "grant");
            if (!client.id().equals(grant.clientId())) {
                throw new IllegalArgumentException("the grant is another client's");
            }
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
