package dev.gatehouse.core.session;

import dev.gatehouse.core.user.PasswordChange;
import dev.gatehouse.core.user.UserService;

import java.util.Optional;
import java.util.UUID;

/**
 * Account changes that must also end sessions, kept together so no caller forgets half: a
 * changed password ends every other session (a thief's included), a deleted user ends all.
 */
public final class AccountService {
    private final UserService users;
    private final SessionService sessions;

    public AccountService(UserService users, SessionService sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    /**
     * Changes the password after checking the current one, then ends the user's sessions except
     * {@code keep} (the one making the change, when it is a session).
     */
    public PasswordChange changePassword(UUID userId, String currentPassword, String newPassword, Optional<UUID> keep) {
        PasswordChange result = users.changePassword(userId, currentPassword, newPassword);
        if (result instanceof PasswordChange.Changed) {
            endSessions(userId, keep);
        }
        return result;
    }

    /** Sets a password without the current one (administrators, CLI) and ends every session. */
    public PasswordChange setPassword(UUID userId, String newPassword) {
        PasswordChange result = users.setPassword(userId, newPassword);
        if (result instanceof PasswordChange.Changed) {
            sessions.endAll(userId);
        }
        return result;
    }

    /** Deletes the user after ending all their sessions; false when there was no such user. */
    public boolean deleteUser(UUID userId) {
        sessions.endAll(userId);
        return users.delete(userId);
    }

    private void endSessions(UUID userId, Optional<UUID> keep) {
        if (keep.isPresent()) {
            sessions.endAllExcept(userId, keep.get());
        } else {
            sessions.endAll(userId);
        }
    }
}
