package dev.gatehouse.core.authn;

import java.util.Objects;
import java.util.UUID;

/**
 * The first refresh token of a family issued to an OpenID client.
 *
 * @param token    the token, for the client; never logged
 * @param familyId the family, which ends when the code it came from is used again
 */
public record ClientRefreshToken(String token, UUID familyId) {
    /** Refuses a missing part. */
    public ClientRefreshToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(familyId, "familyId");
    }

    @Override
    public String toString() {
        return "ClientRefreshToken[familyId=" + familyId + "]";
    }
}
