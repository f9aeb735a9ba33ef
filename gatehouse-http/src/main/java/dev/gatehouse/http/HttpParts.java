package dev.gatehouse.http;

/** The request-reading pieces every route group shares. */
record HttpParts(RequestBodyReader bodies, CredentialReader credentials, Challenges challenges, SessionCookies cookies, Guard guard, LoginAttempts logins) {
    static final String API = "/api/v1";
}
