package dev.gatehouse.core.token;

/** Names of the private claims Gatehouse puts in access tokens (the user's profile fields, RFC 9068's sid). */
final class AccessTokenClaimNames {
    static final String USERNAME = "username";
    static final String NAME = "name";
    static final String ROLE = "role";
    /** OpenID's session id claim: lets a logout revoke every access token of one session. */
    static final String SESSION_ID = "sid";
    /**
     * The refresh family a token issued without a session belongs to: without a session nothing
     * else names the sign-in, and a logout with the token must end the family.
     */
    static final String REFRESH_FAMILY = "rfam";
    /** RFC 9068 2.2: the client a token was issued to; for a client acting as itself it equals {@code sub}. */
    static final String CLIENT_ID = "client_id";
    /** RFC 9068 2.2.3: the scopes granted, space-separated. */
    static final String SCOPE = "scope";
    /** RFC 9068 3: the header {@code typ} of an access token. */
    static final String TYPE = "at+jwt";

    private AccessTokenClaimNames() {
    }
}
