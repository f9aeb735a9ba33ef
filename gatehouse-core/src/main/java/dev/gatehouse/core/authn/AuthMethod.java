package dev.gatehouse.core.authn;

/**
 * A way a caller proves who they are: what a server turns on, and what an authenticated caller
 * used. A method that is off is refused even when its credential is valid, so that turning Basic
 * off closes every route to password guessing on each request.
 */
public enum AuthMethod {
    /** {@code Authorization: Basic}: the password on every request. */
    BASIC,
    /** A session cookie from a sign-in. */
    SESSION,
    /** {@code Authorization: Bearer} access tokens (JWTs), with refresh tokens at sign-in. */
    BEARER
}
