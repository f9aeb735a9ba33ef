package dev.gatehouse.core.user;

import dev.gatehouse.core.password.PasswordCheck;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.password.PasswordPolicy;
import dev.gatehouse.core.support.SecureIds;
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

    public UserService(UserStore store, PasswordHasher hasher, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Validates and stores a new user; the password is hashed, never kept. */
    public Registration register(NewUser request) {
        Optional<String> email = request.email().map(UserFields::normalise).filter(s -> !s.isEmpty());
        Optional<String> username = request.username().map(UserFields::normalise).filter(s -> !s.isEmpty());
        if (email.isEmpty() && username.isEmpty()) {
            return new Registration.Invalid("email", "email or username is required");
        }
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

    /** Finds a user by email (when the login holds an '@') or by username. */
    public Optional<User> findByLogin(String login) {
        String key = UserFields.normalise(login);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return key.indexOf('@') >= 0 ? store.findByEmail(key) : store.findByUsername(key);
    }

    public Optional<User> find(UUID id) {
        return store.findById(id);
    }

    public List<User> list(int offset, int limit) {
        return store.list(offset, limit);
    }

    public long count() {
        return store.count();
    }

    /** Replaces the user's names; empty when there is no such user. */
    public Optional<User> updateNames(UUID id, UserNames names) {
        return store.findById(id).map(user -> {
            User updated = user.withNames(names, now());
            return store.update(updated) ? updated : null;
        });
    }

    /** Validates the names the way registration does. */
    public Optional<Registration.Invalid> namesViolation(UserNames names) {
        return names.firstName().flatMap(v -> UserFields.nameViolation("first_name", v)).map(m -> new Registration.Invalid("first_name", m))
                .or(() -> names.lastName().flatMap(v -> UserFields.nameViolation("last_name", v)).map(m -> new Registration.Invalid("last_name", m)))
                .or(() -> names.name().flatMap(v -> UserFields.nameViolation("name", v)).map(m -> new Registration.Invalid("name", m)));
    }

    /**
     * Changes a password after checking the current one. The record only: use
     * {@code AccountService.changePassword}, which also ends the user's other sessions and tokens.
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

    /** How many users have {@code role}. */
    public long countWithRole(Role role) {
        return store.countWithRole(role);
    }

    /** Sets the role in the record only; {@code AccountService.changeRole} keeps the last admin and ends a demoted admin's tokens. */
    public boolean setRole(UUID id, Role role) {
        return store.findById(id).map(user -> store.update(user.withRole(role, now()))).orElse(false);
    }

    /**
     * Makes sure an administrator with this email exists: registers one, or promotes an existing
     * user. The password of an existing user is left alone (the setting is for the first start).
     */
    public User ensureAdmin(String email, String password) {
        Optional<User> existing = store.findByEmail(UserFields.normalise(email));
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
            case Registration.Conflict c -> store.findByEmail(UserFields.normalise(email)).orElseThrow(
                    () -> new IllegalStateException("admin account conflicted but cannot be found"));
            case Registration.Invalid i -> throw new IllegalArgumentException("cannot create the admin: " + i.message());
        };
    }

    /** Deletes the user record only; use {@code AccountService.deleteUser} to end their sessions too. */
    public boolean delete(UUID id) {
        return store.delete(id);
    }

    private Instant now() {
        // Millisecond precision: what every store keeps, so a value read back equals the value written.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
