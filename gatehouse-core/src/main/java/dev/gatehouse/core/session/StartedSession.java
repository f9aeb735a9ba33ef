package dev.gatehouse.core.session;

/** A new session and its secret token: the token exists only here and in the client's cookie. */
public record StartedSession(String token, Session session) {
    @Override
    public String toString() {
        return "StartedSession[token=****, session=" + session + "]";
    }
}
