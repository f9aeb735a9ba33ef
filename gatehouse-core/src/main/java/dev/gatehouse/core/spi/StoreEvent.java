package dev.gatehouse.core.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A change one instance made to shared stores that other instances may hold a copy of. Events
 * only say what to forget; the stores stay the truth, and a receiver reads them again.
 */
public sealed interface StoreEvent {
    /**
     * A session ended (logout, expiry on sight, deletion).
     *
     * @param sessionId the session's public id
     * @param tokenHash the SHA-256 of its token, for copies looked up by cookie; empty when not known
     */
    record SessionEnded(UUID sessionId, Optional<String> tokenHash) implements StoreEvent {
        /** Refuses a missing component. */
        public SessionEnded {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(tokenHash, "tokenHash");
        }
    }

    /**
     * Some or all of a user's sessions ended (log out everywhere, password change, user deleted).
     *
     * @param userId the user whose sessions ended
     */
    record UserSessionsEnded(UUID userId) implements StoreEvent {
        /** Refuses a missing user id. */
        public UserSessionsEnded {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * A user was changed or deleted: names, role, password.
     *
     * @param userId the user changed or deleted
     */
    record UserChanged(UUID userId) implements StoreEvent {
        /** Refuses a missing user id. */
        public UserChanged {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * An access token's id was put on the denylist (RFC 7009 revocation, a logout of its session).
     *
     * @param jti the revoked token's id
     */
    record JtiRevoked(String jti) implements StoreEvent {
        /** Refuses a missing token id. */
        public JtiRevoked {
            Objects.requireNonNull(jti, "jti");
        }
    }

    /**
     * A user's not-before time moved: every token issued before it is refused (log out everywhere).
     *
     * @param userId the user whose not-before time moved
     */
    record UserNotBeforeSet(UUID userId) implements StoreEvent {
        /** Refuses a missing user id. */
        public UserNotBeforeSet {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * An OpenID client was registered, changed or deleted: copies of it are stale (a deleted
     * client's tokens end, a scope taken away no longer counts).
     *
     * @param clientId the client
     */
    record ClientChanged(String clientId) implements StoreEvent {
        /** Refuses a missing client id. */
        public ClientChanged {
            Objects.requireNonNull(clientId, "clientId");
        }
    }

    /** The signing key ring was saved anew (rotation, import). */
    record KeysChanged() implements StoreEvent {
    }

    /**
     * Events may have been missed (the feed was cut and is back): forget every copy. Raised by a
     * feed to its own listeners, never sent.
     */
    record Resync() implements StoreEvent {
    }
}
