package dev.gatehouse.core.internal.token;

import dev.gatehouse.core.spi.RefreshToken;

import java.util.Objects;

/**
 * A new refresh token and its record: the token exists only here and with the client.
 *
 * @param token the opaque token, for the client; hidden from {@link #toString}
 * @param record the record as stored, which holds only the token's hash
 */
public record IssuedRefreshToken(String token, RefreshToken record) {
    /** Refuses a missing component. */
    public IssuedRefreshToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(record, "record");
    }

    @Override
    public String toString() {
        return "IssuedRefreshToken[token=****, record=" + record + "]";
    }
}
