package dev.gatehouse.core.token;

import java.util.Objects;

/** A new refresh token and its record: the token exists only here and with the client. */
public record IssuedRefreshToken(String token, RefreshToken record) {
    public IssuedRefreshToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(record, "record");
    }

    @Override
    public String toString() {
        return "IssuedRefreshToken[token=****, record=" + record + "]";
    }
}
