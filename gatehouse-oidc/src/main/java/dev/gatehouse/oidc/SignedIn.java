package dev.gatehouse.oidc;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.user.User;

import java.util.Objects;

/**
 * The user signed in to Gatehouse in this browser, and the session they did it with: one session
 * for every client, which is what makes the sign-in single.
 *
 * @param user    the user, as stored
 * @param session the browser's live session; its start is the user's {@code auth_time}
 */
public record SignedIn(User user, Session session) {
    /** Refuses a missing part or a session of another user. */
    public SignedIn {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        if (!session.userId().equals(user.id())) {
            throw new IllegalArgumentException("the session is another user's");
        }
    }
}
