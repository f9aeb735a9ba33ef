package dev.gatehouse.http;

import dev.gatehouse.core.authn.TokenPair;

/** RFC 6749 section 5.1's successful token response. */
record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {
    static TokenResponse of(TokenPair pair) {
        return new TokenResponse(pair.accessToken(), "Bearer", pair.expiresIn(), pair.refreshToken());
    }
}
