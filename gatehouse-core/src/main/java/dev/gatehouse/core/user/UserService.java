package dev.gatehouse.core.user;

import dev.gatehouse.core.internal.support.SecureIds;
import dev.gatehouse.core.password.PasswordCheck;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.password.PasswordPolicy;
import dev.gatehouse.core.spi.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registers users, checks their passwords and keeps their records. */
public final class UserService {
    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);

    private final UserStore store;
    private final PasswordHasher hasher;
    private final Clock clock;

    /**
     * A service over {@code store}.
     *
     * @param store where users are kept
     * @param hasher hashes new passwords and checks given ones
     * @param clock gives the creation and change times of records
     */
    public UserService(UserStore store, PasswordHasher hasher, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Validates and stores a new user; the password is hashed, never kept. The email and username
     * are stored in their {@linkplain UserFields#normalise normal form}, and refused when they hold
     * characters that would let one account pass for another.
     *
     * @param request what the registration asks for, as received
     * @return the stored user, or why nothing was stored: a conflict or the first invalid field
     */
    public Registration register(NewUser request) {
        Optional<String> rawEmail = request.email().filter(s -> !s.isBlank());
        Optional<String> rawUsername = request.username().filter(s -> !s.isBlank());
        if (rawEmail.isEmpty() && rawUsername.isEmpty()) {
            return new Registration.Invalid("email", "email or username is required");
        }
        Optional<Registration.Invalid> unsafe = rawEmail.flatMap(v -> UserFields.loginNameViolation("email", v)).map(m -> new Registration.Invalid("email", m))
                .or(() -> rawUsername.flatMap(v -> UserFields.loginNameViolation("username", v)).map(m -> new Registration.Invalid("username", m)));
        if (unsafe.isPresent()) {
            return unsafe.get();
        }
        Optional<String> email = rawEmail.flatMap(UserFields::normalise);
        Optional<String> username = rawUsername.flatMap(UserFields::normalise);
        Optional<Registration.Invalid> invalid = email.flatMap(UserFields::emailViolation).map(m -> new Registration.Invalid("email", m))
                .or(() -> username.flatMap(UserFields::usernameViolation).map(m -> new Registration.Invalid("username", m)))
                .or(() -> namesViolation(request.names()))
                .or(() -> PasswordPolicy.violation(request.password()).map(m -> new Registration.Invalid("password", m)));
        if (invalid.isPresent()) {
            return invalid.get();
        }
        // A cheap look first spares a 50 ms hash for an obvious duplicate; the store's insert stays the real guard.
        if (email.flatMap(store::findByEmail).isPresent() || username.flatMap(store::findByUsername).isPresent()) {
            return new Registration.Conflict();
        }
        Instant now = now();
        User user = new User(SecureIds.newUuid(), email, username, request.names().firstName(), request.names().lastName(),
                request.names().name(), request.role(), hasher.hash(request.password()), now, now);
        if (!store.insert(user)) {
            return new Registration.Conflict();
        }
        LOG.info("registered user {}", user.id());
        return new Registration.Registered(user);
    }

    /**
     * The user whose email or username is {@code login} and whose password is {@code password}.
     * An unknown login and a wrong password cost the same time and give the same empty answer.
     * A right password whose hash is older than today's parameters is hashed anew.
     *
     * @param login an email or username, in any form {@link UserFields#normalise} folds
     * @param password the password as typed
     * @return the user, re-hashed when that was due, or empty for an unknown login or a wrong password
     */
    public Optional<User> authenticate(String login, String password) {
        if (login == null || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        Optional<User> found = findByLogin(login);
        if (found.isEmpty()) {
            hasher.checkDummy(password);
            return Optional.empty();
        }
        User user = found.get();
        PasswordCheck check = hasher.check(password, user.passwordHash());
        if (!check.matches()) {
            return Optional.empty();
        }
        if (check == PasswordCheck.MATCH_NEEDS_REHASH) {
            User upgraded = user.withPasswordHash(hasher.hash(password), now());
            if (store.update(upgraded)) {
                LOG.info("re-hashed the password of user {} with current parameters", user.id());
                return Optional.of(upgraded);
            }
        }
        return Optional.of(user);
    }

    /**
     * Finds a user by email (when the login holds an '@') or by username, compared in their
     * {@linkplain UserFields#normalise normal form}; a login that no registration would accept
     * names nobody.
     *
     * @param login an email or username as typed
     * @return the user it names, or empty
     */
    public Optional<User> findByLogin(String login) {
        Optional<String> key = UserFields.normalise(login).filter(k -> !k.isEmpty());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return key.get().indexOf('@') >= 0 ? store.findByEmail(key.get()) : store.findByUsername(key.get());
    }

    /**
     * The user with this id.
     *
     * @param id the user's id
     * @return the user, or empty when there is none
     */
    public Optional<User> find(UUID id) {
        return store.findById(id);
    }

    /**
     * One page of users, in the stable order of creation time, then id.
     *
     * @param offset how many users to skip
     * @param limit the most users to return
     * @return the page, possibly empty
     */
    public List<User> list(int offset, int limit) {
        return store.list(offset, limit);
    }

    /**
     * How many users there are.
     *
     * @return the number of stored users
     */
    public long count() {
        return store.count();
    }

    /**
     * Replaces the user's names; empty when there is no such user.
     *
     * @param id the user's id
     * @param names the new names, assumed valid ({@link #namesViolation} checks them)
     * @return the user as changed, or empty when there is no such user
     */
    public Optional<User> updateNames(UUID id, UserNames names) {
        return store.findById(id).map(user -> {
            User updated = user.withNames(names, now());
            return store.update(updated) ? updated : null;
        });
    }

    /**
     * Validates the names the way registration does.
     *
     * @param names the names to check
     * @return the first refused name and why, or empty when all are accepted
     */
    public Optional<Registration.Invalid> namesViolation(UserNames names) {
        return names.firstName().flatMap(v -> UserFields.nameViolation("first_name", v)).map(m -> new Registration.Invalid("first_name", m))
                .or(() -> names.lastName().flatMap(v -> UserFields.nameViolation("last_name", v)).map(m -> new Registration.Invalid("last_name", m)))
                .or(() -> names.name().flatMap(v -> UserFields.nameViolation("name", v)).map(m -> new Registration.Invalid("name", m)));
    }

    /**
     * Changes a password after checking the current one. The record only: use
     * {@code AccountService.changePassword}, which also ends the user's other sessions and tokens.
     *
     * @param id the user's id
     * @param currentPassword the password the user has now; null counts as wrong
     * @param newPassword the password to set, held to the {@link PasswordPolicy}
     * @return the changed user, or why nothing changed
     */
    public PasswordChange changePassword(UUID id, String currentPassword, String newPassword) {
        Optional<User> found = store.findById(id);
        if (found.isEmpty()) {
            return new PasswordChange.UserNotFound();
        }
        if (currentPassword == null || !hasher.check(currentPassword, found.get().passwordHash()).matches()) {
            return new PasswordChange.WrongCurrentPassword();
        }
        return setPassword(id, newPassword);
    }

    /**
     * Sets a password without the current one: for administrators and the CLI. The record only: use
     * {@code AccountService.setPassword}, which also ends the user's sessions and tokens.
     *
     * @param id the user's id
     * @param newPassword the password to set, held to the {@link PasswordPolicy}
     * @return the changed user, or why nothing changed
     */
    public PasswordChange setPassword(UUID id, String newPassword) {
        Optional<String> violation = PasswordPolicy.violation(newPassword);
        if (violation.isPresent()) {
            return new PasswordChange.Invalid(violation.get());
        }
        Optional<User> found = store.findById(id);
        if (found.isEmpty()) {
            return new PasswordChange.UserNotFound();
        }
        User updated = found.get().withPasswordHash(hasher.hash(newPassword), now());
        return store.update(updated) ? new PasswordChange.Changed(updated) : new PasswordChange.UserNotFound();
    }

    /**
     * How many users have {@code role}.
     *
     * @param role the role to count
     * @return the number of users holding it
     */
    public long countWithRole(Role role) {
        return store.countWithRole(role);
    }

    /**
     * Sets the role in the record only; {@code AccountService.changeRole} keeps the last admin and ends a demoted admin's tokens.
     *
     * @param id the user's id
     * @param role the role to give
     * @return false when there is no such user
     */
    public boolean setRole(UUID id, Role role) {
        return store.findById(id).map(user -> store.update(user.withRole(role, now()))).orElse(false);
    }

    /**
     * Makes sure an administrator with this email exists: registers one, or promotes an existing
     * user. The password of an existing user is left alone (the setting is for the first start).
     *
     * @param email the administrator's email
     * @param password the password for a new administrator; ignored when the user exists
     * @return the administrator as stored
     * @throws IllegalArgumentException when a new administrator cannot be registered with these values
     */
    public User ensureAdmin(String email, String password) {
        Optional<User> existing = UserFields.normalise(email).flatMap(store::findByEmail);
        if (existing.isPresent()) {
            User user = existing.get();
            if (user.role() != Role.ADMIN) {
                setRole(user.id(), Role.ADMIN);
                LOG.info("promoted user {} to admin", user.id());
            }
            return store.findById(user.id()).orElse(user);
        }
        Registration result = register(new NewUser(Optional.of(email), Optional.empty(), password, UserNames.none(), Role.ADMIN));
        return switch (result) {
            case Registration.Registered r -> r.user();
            case Registration.Conflict c -> UserFields.normalise(email).flatMap(store::findByEmail).orElseThrow(
                    () -> new IllegalStateException("admin account conflicted but cannot be found"));
            case Registration.Invalid i -> throw new IllegalArgumentException("cannot create the admin: " + i.message());
        };
    }

    /**
     * Deletes the user record only; use {@code AccountService.deleteUser} to end their sessions too.
     *
     * @param id the user's id
     * @return false when there was no such user
     */
    public boolean delete(UUID id) {
        return store.delete(id);
    }

    private Instant now() {
        // Millisecond precision: what every store keeps, so a value read back equals the value written.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
