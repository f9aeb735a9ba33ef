package dev.gatehouse.core.session;

/**
 * A new session and its secret token: the token exists only here and in the client's cookie.
 *
 * @param token the secret session token, for the cookie; hidden from {@link #toString}
 * @param session the session as stored, which holds only the token's hash
 */
public record StartedSession(String token, Session session) {
    @Override
    public String toString() {
        return "StartedSession[token=****, session=" + session + "]";
    }
}
