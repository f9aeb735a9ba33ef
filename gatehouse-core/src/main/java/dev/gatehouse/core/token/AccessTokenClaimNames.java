package dev.gatehouse.core.token;

/** Names of the private claims Gatehouse puts in access tokens (the user's profile fields, RFC 9068's sid). */
final class AccessTokenClaimNames {
    static final String USERNAME = "username";
    static final String NAME = "name";
    static final String ROLE = "role";
    /** OpenID's session id claim: lets a logout revoke every access token of one session. */
    static final String SESSION_ID = "sid";
    /** RFC 9068 3: the header {@code typ} of an access token. */
    static final String TYPE = "at+jwt";

    private AccessTokenClaimNames() {
    }
}
