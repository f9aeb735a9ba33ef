package dev.gatehouse.core.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a user allowed a client: the scopes it may have without asking again. A request for
 * scopes beyond these shows the consent page again.
 *
 * @param userId the user
 * @param clientId the client
 * @param scopes the scopes allowed
 * @param grantedAt when the user last allowed them
 */
public record Consent(UUID userId, String clientId, Set<String> scopes, Instant grantedAt) {
    /** Copies the scopes and refuses missing values. */
    public Consent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
        scopes = ScopeNames.requireValid(scopes);
        Objects.requireNonNull(grantedAt, "grantedAt");
    }

    /**
     * Whether every scope asked for is among those allowed.
     *
     * @param asked the scopes a request asks for
     * @return true when none is new
     */
    public boolean covers(Set<String> asked) {
        return scopes.containsAll(asked);
    }
}
