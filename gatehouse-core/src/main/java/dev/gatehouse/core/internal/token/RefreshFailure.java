package dev.gatehouse.core.internal.token;

/**
 * Why a presented refresh token was not rotated. The codes are stable (logs, metrics, tests); an
 * HTTP layer answers every one of them with the same OAuth {@code invalid_grant}, so that a client
 * learns nothing about tokens it does not hold.
 */
public enum RefreshFailure {
    /** Not of the shape Gatehouse issues; the store was not asked. */
    MALFORMED("malformed_refresh_token"),
    /** Well formed but not known: never issued, or purged after its family ended. */
    UNKNOWN("unknown_refresh_token"),
    /** Past its own expiry or its family's. */
    EXPIRED("expired_refresh_token"),
    /** Its family was revoked: logout, log-out-everywhere, password change, RFC 7009 or reuse. */
    REVOKED("revoked_refresh_token"),
    /** Live, but not the presenter's to rotate: an OpenID client's family at Gatehouse's own endpoint, or another client's. */
    NOT_THE_HOLDERS("refresh_token_of_another_holder"),
    /** Live and the presenter's, but asked for a scope its family was not granted. */
    SCOPE_NOT_GRANTED("scope_not_granted");

    private final String code;

    RefreshFailure(String code) {
        this.code = code;
    }

    /**
     * The stable code, for logs and metrics.
     *
     * @return the code, such as {@code expired_refresh_token}
     */
    public String code() {
        return code;
    }
}
