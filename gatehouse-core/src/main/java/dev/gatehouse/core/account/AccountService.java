package dev.gatehouse.core.account;

import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.user.PasswordChange;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserService;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Account changes that must also end sign-ins, kept together so that no caller (the HTTP API,
 * the CLI, an application embedding the library) can forget half of them:
 * <ul>
 * <li>a changed password ends the user's other sessions, every refresh token family and every
 * access token issued until now (the revocation store's not-before time): whoever stole a session
 * or a token loses it with the old password;</li>
 * <li>a deleted user's sessions and tokens end with the account;</li>
 * <li>a demoted administrator's tokens end, since their {@code role} claim would still say admin
 * to the applications that read it until they expire; the last administrator cannot be demoted.</li>
 * </ul>
 * Built without {@link UserTokens} it serves a deployment that issues no tokens.
 */
public final class AccountService {
    private final UserService users;
    private final SessionService sessions;
    private final Optional<UserTokens> tokens;
    /** Two demotions at once must not both see another admin left (within this process; see {@link #changeRole}). */
    private final Object roleChanges = new Object();

    /**
     * For a deployment that issues no access or refresh tokens: sessions are all there is to end.
     *
     * @param users the user records
     * @param sessions the sessions to end
     */
    public AccountService(UserService users, SessionService sessions) {
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.tokens = Optional.empty();
    }

    /**
     * For a deployment that issues tokens: their refresh families and access tokens end with the sessions.
     *
     * @param users the user records
     * @param sessions the sessions to end
     * @param tokens ends a user's refresh token families and access tokens
     */
    public AccountService(UserService users, SessionService sessions, UserTokens tokens) {
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.tokens = Optional.of(Objects.requireNonNull(tokens, "tokens"));
    }

    /**
     * Changes the password after checking the current one, then ends the user's sessions except
     * {@code keep} (the one making the change, when it is a session) and all of their tokens.
     *
     * @param userId the user's id
     * @param currentPassword the password the user has now; a wrong one changes and ends nothing
     * @param newPassword the password to set, held to the password policy
     * @param keep the id of the session that asked for the change, left signed in; empty to end them all
     * @return the changed user, or why nothing changed
     */
    public PasswordChange changePassword(UUID userId, String currentPassword, String newPassword, Optional<UUID> keep) {
        PasswordChange result = users.changePassword(userId, currentPassword, newPassword);
        if (result instanceof PasswordChange.Changed) {
            if (keep.isPresent()) {
                sessions.endAllExcept(userId, keep.get());
            } else {
                sessions.endAll(userId);
            }
            endTokens(userId);
        }
        return result;
    }

    /**
     * Sets a password without the current one (administrators, CLI) and ends every session and token of the user.
     *
     * @param userId the user's id
     * @param newPassword the password to set, held to the password policy
     * @return the changed user, or why nothing changed (and nothing ended)
     */
    public PasswordChange setPassword(UUID userId, String newPassword) {
        PasswordChange result = users.setPassword(userId, newPassword);
        if (result instanceof PasswordChange.Changed) {
            endSignIns(userId);
        }
        return result;
    }

    /**
     * Log out everywhere: every session and token of the user.
     *
     * @param userId the user's id
     */
    public void endSignIns(UUID userId) {
        sessions.endAll(userId);
        endTokens(userId);
    }

    /**
     * Deletes the user after ending all their sessions and tokens; false when there was no such user.
     *
     * @param userId the user's id
     * @return true when a user was deleted
     */
    public boolean deleteUser(UUID userId) {
        endSignIns(userId);
        return users.delete(userId);
    }

    /**
     * Gives the user {@code role}. Demoting the last administrator is refused: nobody could then
     * manage users but through the store. A demotion ends the user's tokens (their {@code role}
     * claim says admin); sessions stay, since each request reads the role from the user record.
     *
     * <p>Two demotions of the last two administrators at the same time cannot both succeed within
     * one process; across processes on one store they could, as the store has no conditional update.
     *
     * @param userId the user's id
     * @param role the role to give
     * @return the user with the role, or why it was refused
     */
    public RoleChange changeRole(UUID userId, Role role) {
        Objects.requireNonNull(role, "role");
        synchronized (roleChanges) {
            Optional<User> found = users.find(userId);
            if (found.isEmpty()) {
                return new RoleChange.UserNotFound();
            }
            User user = found.get();
            if (user.role() == role) {
                return new RoleChange.Changed(user);
            }
            if (user.role() == Role.ADMIN && users.countWithRole(Role.ADMIN) <= 1) {
                return new RoleChange.LastAdmin();
            }
            if (!users.setRole(userId, role)) {
                return new RoleChange.UserNotFound();
            }
            if (user.role() == Role.ADMIN) {
                endTokens(userId);
            }
            return users.find(userId).<RoleChange>map(RoleChange.Changed::new).orElseGet(RoleChange.UserNotFound::new);
        }
    }

    private void endTokens(UUID userId) {
        tokens.ifPresent(t -> t.endAll(userId));
    }
}
