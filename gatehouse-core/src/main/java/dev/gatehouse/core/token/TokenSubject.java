package dev.gatehouse.core.token;

import dev.gatehouse.core.user.Role;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who an access token speaks for: a user (the token's {@code sub} is the user's id), or a client
 * acting as itself with no user ({@code client_credentials}: {@code sub} equals {@code client_id}).
 */
public sealed interface TokenSubject {
    /**
     * A user, as the token described them when it was issued.
     *
     * @param id       the user's id ({@code sub})
     * @param username the user's username ({@code username}), if they have one
     * @param name     the user's display name ({@code name}), if they have one
     * @param role     the user's role when the token was issued ({@code role})
     */
    record User(UUID id, Optional<String> username, Optional<String> name, Role role) implements TokenSubject {
        /** Refuses a missing component. */
        public User {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * A service client acting as itself: it holds no user's rights, only its scopes.
     *
     * @param clientId the client's id ({@code sub} and {@code client_id})
     */
    record Client(String clientId) implements TokenSubject {
        /** Refuses a missing id. */
        public Client {
            Objects.requireNonNull(clientId, "clientId");
        }
    }
}
