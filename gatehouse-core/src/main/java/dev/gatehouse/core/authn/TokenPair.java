package dev.gatehouse.core.authn;

import java.util.Objects;

/**
 * An access token and the refresh token that renews it, as a sign-in or a refresh hands them out.
 * {@link #toString} hides both.
 *
 * @param accessToken the access token, a compact JWS
 * @param expiresIn seconds until the access token expires
 * @param refreshToken the opaque refresh token that renews it
 */
public record TokenPair(String accessToken, long expiresIn, String refreshToken) {
    /** Refuses a missing token. */
    public TokenPair {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    @Override
    public String toString() {
        return "TokenPair[accessToken=****, expiresIn=" + expiresIn + ", refreshToken=****]";
    }
}
