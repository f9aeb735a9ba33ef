package dev.gatehouse.core.authn;

/** Why a presented credential was refused. Each has a stable code for API answers. */
public enum Rejection {
    /** Wrong login or password: deliberately one answer for both. */
    INVALID_CREDENTIALS("invalid_credentials"),
    /** The session is unknown, ended or expired. */
    INVALID_SESSION("invalid_session"),
    /** The bearer token is malformed, forged, expired, revoked, or names a user or session that is gone. */
    INVALID_TOKEN("invalid_token"),
    /** The credential's method is not enabled on this server. */
    METHOD_NOT_ENABLED("auth_method_not_enabled");

    private final String code;

    Rejection(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
