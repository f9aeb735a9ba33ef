package dev.gatehouse.core.token;

import java.time.Instant;
import java.util.Objects;

/**
 * A freshly signed access token.
 *
 * @param token     the compact JWS, for {@code Authorization: Bearer}
 * @param jti       its unique id, for revocation (denylist until {@code expiresAt})
 * @param expiresAt its {@code exp}, to the second as in the token
 */
public record IssuedAccessToken(String token, String jti, Instant expiresAt) {
    /** Refuses a missing component. */
    public IssuedAccessToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Hides the bearer token: it is a credential. */
    @Override
    public String toString() {
        return "IssuedAccessToken[jti=" + jti + ", expiresAt=" + expiresAt + "]";
    }
}
