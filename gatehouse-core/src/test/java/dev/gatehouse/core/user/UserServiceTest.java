package dev.gatehouse.core.user;

import dev.gatehouse.core.TestHashers;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.password.Argon2Parameters;
import dev.gatehouse.core.password.PasswordCheck;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserServiceTest {
    private static final String PASSWORD = "correct horse battery";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final InMemoryUserStore store = new InMemoryUserStore();
    private final PasswordHasher hasher = TestHashers.fast();
    private final UserService users = new UserService(store, hasher, clock);

    private static NewUser newUser(String email, String username, String password) {
        return new NewUser(Optional.ofNullable(email), Optional.ofNullable(username), password, UserNames.none(), Role.COMMON);
    }

    private User registered(String email, String username) {
        Registration r = users.register(newUser(email, username, PASSWORD));
        assertThat(r).isInstanceOf(Registration.Registered.class);
        return ((Registration.Registered) r).user();
    }

    private Registration.Invalid invalid(NewUser request) {
        long before = store.count();
        Registration r = users.register(request);
        assertThat(r).isInstanceOf(Registration.Invalid.class);
        assertThat(store.count()).as("nothing stored for an invalid registration").isEqualTo(before);
        return (Registration.Invalid) r;
    }

    @Nested
    class Register {
        @Test
        void storesTheUserWithAHashNotThePassword() {
            User user = registered("alice@example.com", "alice");

            assertThat(user.email()).contains("alice@example.com");
            assertThat(user.username()).contains("alice");
            assertThat(user.role()).isEqualTo(Role.COMMON);
            assertThat(user.createdAt()).isEqualTo(clock.instant()).isEqualTo(user.updatedAt());
            assertThat(user.passwordHash()).startsWith("$argon2id$").doesNotContain(PASSWORD);
            assertThat(hasher.check(PASSWORD, user.passwordHash())).isEqualTo(PasswordCheck.MATCH);
            assertThat(store.findById(user.id())).contains(user);
            assertThat(user.toString()).doesNotContain(user.passwordHash());
        }

        @Test
        void emailAloneOrUsernameAloneIsEnough() {
            User byEmail = registered("only@example.com", null);
            User byName = registered(null, "only_name");

            assertThat(byEmail.username()).isEmpty();
            assertThat(byEmail.label()).isEqualTo("only@example.com");
            assertThat(byName.email()).isEmpty();
            assertThat(byName.label()).isEqualTo("only_name");
            assertThat(users.count()).isEqualTo(2);
        }

        @Test
        void oneOfEmailAndUsernameIsRequired() {
            assertThat(invalid(newUser(null, null, PASSWORD)).field()).isEqualTo("email");
            assertThat(invalid(newUser("  ", "", PASSWORD)).message()).contains("email or username is required");
        }

        @Test
        void emailAndUsernameAreTrimmedAndLowerCased() {
            User user = registered("  Alice@Example.COM ", " Alice.Smith ");

            assertThat(user.email()).contains("alice@example.com");
            assertThat(user.username()).contains("alice.smith");
            assertThat(users.findByLogin("ALICE@example.com")).contains(user);
            assertThat(users.findByLogin("ALICE.SMITH")).contains(user);
        }

        @ParameterizedTest
        @ValueSource(strings = {"plainaddress", "two@@example.com", "a@b@c", "with space@example.com", "@example.com", "name@",
                "tab\t@example.com"})
        void invalidEmail(String email) {
            assertThat(invalid(newUser(email, null, PASSWORD)).field()).isEqualTo("email");
        }

        @Test
        void emailLengthLimits() {
            String local64 = "l".repeat(64);
            assertThat(users.register(newUser(local64 + "@example.com", null, PASSWORD))).isInstanceOf(Registration.Registered.class);
            assertThat(invalid(newUser("l".repeat(65) + "@example.com", null, PASSWORD)).field()).isEqualTo("email");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-starts-with-dash", ".dot", "_under", "has space", "has@at", "emoji\uD83D\uDE00", "sl/ash"})
        void invalidUsername(String username) {
            assertThat(invalid(newUser(null, username, PASSWORD)).field()).isEqualTo("username");
        }

        @Test
        void usernameLengthLimits() {
            assertThat(users.register(newUser(null, "u".repeat(64), PASSWORD))).isInstanceOf(Registration.Registered.class);
            assertThat(invalid(newUser(null, "u".repeat(65), PASSWORD)).field()).isEqualTo("username");
        }

        @ParameterizedTest
        @CsvSource({"first_name", "last_name", "name"})
        void invalidNames(String field) {
            String tooLong = "n".repeat(UserFields.MAX_NAME_LENGTH + 1);
            String control = "bad\u0007name";
            for (String bad : new String[] {tooLong, control}) {
                UserNames names = switch (field) {
                    case "first_name" -> new UserNames(Optional.of(bad), Optional.empty(), Optional.empty());
                    case "last_name" -> new UserNames(Optional.empty(), Optional.of(bad), Optional.empty());
                    default -> new UserNames(Optional.empty(), Optional.empty(), Optional.of(bad));
                };
                NewUser request = new NewUser(Optional.of("n@example.com"), Optional.empty(), PASSWORD, names, Role.COMMON);
                Registration.Invalid result = invalid(request);
                assertThat(result.field()).isEqualTo(field);
                assertThat(result.message()).startsWith(field);
            }
        }

        @Test
        void namesAreKeptAsGiven() {
            UserNames names = new UserNames(Optional.of("Zo\u00eb"), Optional.of("d'Arc"), Optional.of("n".repeat(UserFields.MAX_NAME_LENGTH)));
            Registration r = users.register(new NewUser(Optional.of("z@example.com"), Optional.empty(), PASSWORD, names, Role.ADMIN));

            User user = ((Registration.Registered) r).user();
            assertThat(user.firstName()).contains("Zo\u00eb");
            assertThat(user.lastName()).contains("d'Arc");
            assertThat(user.name()).contains("n".repeat(UserFields.MAX_NAME_LENGTH));
            assertThat(user.role()).isEqualTo(Role.ADMIN);
        }

        @Test
        void invalidPassword() {
            assertThat(invalid(newUser("p@example.com", null, "short")).field()).isEqualTo("password");
            assertThat(invalid(newUser("p@example.com", null, null)).field()).isEqualTo("password");
            assertThat(invalid(newUser("p@example.com", null, "x".repeat(1025))).field()).isEqualTo("password");
        }

        @Test
        void duplicateEmailIsAConflictWhateverItsCase() {
            registered("alice@example.com", null);

            assertThat(users.register(newUser("alice@example.com", null, PASSWORD))).isInstanceOf(Registration.Conflict.class);
            assertThat(users.register(newUser("ALICE@Example.com", "other", PASSWORD))).isInstanceOf(Registration.Conflict.class);
            assertThat(users.register(newUser(" alice@example.com ", null, PASSWORD))).isInstanceOf(Registration.Conflict.class);
            assertThat(users.count()).isEqualTo(1);
        }

        @Test
        void duplicateUsernameIsAConflictWhateverItsCase() {
            registered(null, "alice");

            assertThat(users.register(newUser(null, "alice", PASSWORD))).isInstanceOf(Registration.Conflict.class);
            assertThat(users.register(newUser("new@example.com", "ALICE", PASSWORD))).isInstanceOf(Registration.Conflict.class);
            assertThat(users.count()).isEqualTo(1);
        }
    }

    @Nested
    class Authenticate {
        @Test
        void byEmailOrUsernameInAnyCase() {
            User user = registered("alice@example.com", "alice");

            assertThat(users.authenticate("alice@example.com", PASSWORD)).contains(user);
            assertThat(users.authenticate("Alice@EXAMPLE.com", PASSWORD)).contains(user);
            assertThat(users.authenticate("alice", PASSWORD)).contains(user);
            assertThat(users.authenticate(" ALICE ", PASSWORD)).contains(user);
        }

        @Test
        void wrongPasswordAndUnknownUserAreBothEmpty() {
            registered("alice@example.com", "alice");

            assertThat(users.authenticate("alice", "wrong password")).isEmpty();
            assertThat(users.authenticate("alice", PASSWORD.toUpperCase())).isEmpty();
            assertThat(users.authenticate("alice", " " + PASSWORD)).isEmpty();
            assertThat(users.authenticate("bob", PASSWORD)).isEmpty();
            assertThat(users.authenticate("bob@example.com", PASSWORD)).isEmpty();
        }

        @Test
        void missingOrBlankInputIsEmpty() {
            registered("alice@example.com", "alice");

            assertThat(users.authenticate(null, PASSWORD)).isEmpty();
            assertThat(users.authenticate("alice", null)).isEmpty();
            assertThat(users.authenticate("alice", "")).isEmpty();
            assertThat(users.authenticate("", PASSWORD)).isEmpty();
            assertThat(users.authenticate("   ", PASSWORD)).isEmpty();
        }

        @Test
        void emailOnlyUserCannotLogInWithTheLocalPart() {
            registered("carol@example.com", null);

            assertThat(users.authenticate("carol", PASSWORD)).isEmpty();
        }

        @Test
        void currentHashIsLeftAlone() {
            User user = registered("alice@example.com", null);
            clock.advance(Duration.ofHours(1));

            User again = users.authenticate("alice@example.com", PASSWORD).orElseThrow();

            assertThat(again.passwordHash()).isEqualTo(user.passwordHash());
            assertThat(store.findById(user.id()).orElseThrow().updatedAt()).isEqualTo(user.updatedAt());
        }

        @Test
        void hashWithWeakerParametersIsReplacedOnLogin() {
            User user = registered("alice@example.com", "alice");
            Instant registeredAt = clock.instant();
            clock.advance(Duration.ofDays(1));
            Argon2Parameters stronger = new Argon2Parameters(2048, 2, 1);
            UserService upgraded = new UserService(store, new PasswordHasher(stronger, 2, Duration.ofSeconds(10)), clock);

            User loggedIn = upgraded.authenticate("alice", PASSWORD).orElseThrow();

            User stored = store.findById(user.id()).orElseThrow();
            assertThat(stored.passwordHash()).isNotEqualTo(user.passwordHash()).isEqualTo(loggedIn.passwordHash());
            assertThat(Argon2Parameters.of(stored.passwordHash())).contains(stronger);
            assertThat(stored.updatedAt()).isEqualTo(clock.instant()).isAfter(registeredAt);
            assertThat(stored.createdAt()).isEqualTo(registeredAt);
            // The new hash still takes the same password, and needs no further upgrade.
            assertThat(upgraded.authenticate("alice", PASSWORD)).map(User::passwordHash).contains(stored.passwordHash());
            // A wrong password never triggers a rehash.
            assertThat(upgraded.authenticate("alice", "not the password")).isEmpty();
        }

        @Test
        void wrongPasswordOnAWeakHashDoesNotRehash() {
            User user = registered("alice@example.com", null);
            UserService upgraded = new UserService(store, new PasswordHasher(new Argon2Parameters(2048, 1, 1), 1, Duration.ofSeconds(10)), clock);

            assertThat(upgraded.authenticate("alice@example.com", "nope nope nope")).isEmpty();
            assertThat(store.findById(user.id()).orElseThrow().passwordHash()).isEqualTo(user.passwordHash());
        }
    }

    @Nested
    class ChangePassword {
        @Test
        void wrongCurrentPasswordChangesNothing() {
            User user = registered("alice@example.com", null);

            assertThat(users.changePassword(user.id(), "not it at all", "brand new password")).isInstanceOf(PasswordChange.WrongCurrentPassword.class);
            assertThat(users.changePassword(user.id(), null, "brand new password")).isInstanceOf(PasswordChange.WrongCurrentPassword.class);
            assertThat(store.findById(user.id()).orElseThrow().passwordHash()).isEqualTo(user.passwordHash());
        }

        @Test
        void invalidNewPasswordChangesNothing() {
            User user = registered("alice@example.com", null);

            PasswordChange result = users.changePassword(user.id(), PASSWORD, "short");

            assertThat(result).isInstanceOfSatisfying(PasswordChange.Invalid.class, i -> assertThat(i.message()).contains("at least 8"));
            assertThat(users.authenticate("alice@example.com", PASSWORD)).isPresent();
        }

        @Test
        void unknownUser() {
            assertThat(users.changePassword(UUID.randomUUID(), PASSWORD, "brand new password")).isInstanceOf(PasswordChange.UserNotFound.class);
            assertThat(users.setPassword(UUID.randomUUID(), "brand new password")).isInstanceOf(PasswordChange.UserNotFound.class);
        }

        @Test
        void successReplacesThePassword() {
            User user = registered("alice@example.com", null);
            clock.advance(Duration.ofMinutes(5));

            PasswordChange result = users.changePassword(user.id(), PASSWORD, "brand new password");

            assertThat(result).isInstanceOfSatisfying(PasswordChange.Changed.class, c -> {
                assertThat(c.user().updatedAt()).isEqualTo(clock.instant());
                assertThat(c.user().passwordHash()).isNotEqualTo(user.passwordHash());
            });
            assertThat(users.authenticate("alice@example.com", PASSWORD)).isEmpty();
            assertThat(users.authenticate("alice@example.com", "brand new password")).isPresent();
        }

        @Test
        void setPasswordNeedsNoCurrentOne() {
            User user = registered(null, "bob");

            assertThat(users.setPassword(user.id(), "short")).isInstanceOf(PasswordChange.Invalid.class);
            assertThat(users.setPassword(user.id(), "set by an admin")).isInstanceOf(PasswordChange.Changed.class);
            assertThat(users.authenticate("bob", "set by an admin")).isPresent();
        }
    }

    @Nested
    class Records {
        @Test
        void updateNamesReplacesAllThreeAndStampsTheTime() {
            User user = registered("alice@example.com", "alice");
            clock.advance(Duration.ofSeconds(30));
            UserNames names = new UserNames(Optional.of("Alice"), Optional.of("Liddell"), Optional.of("Alice L."));

            User updated = users.updateNames(user.id(), names).orElseThrow();

            assertThat(updated.firstName()).contains("Alice");
            assertThat(updated.lastName()).contains("Liddell");
            assertThat(updated.name()).contains("Alice L.");
            assertThat(updated.updatedAt()).isEqualTo(clock.instant());
            assertThat(updated.createdAt()).isEqualTo(user.createdAt());
            assertThat(updated.passwordHash()).isEqualTo(user.passwordHash());
            assertThat(users.find(user.id())).contains(updated);

            User cleared = users.updateNames(user.id(), UserNames.none()).orElseThrow();
            assertThat(cleared.firstName()).isEmpty();
            assertThat(users.find(user.id()).orElseThrow().name()).isEmpty();
        }

        @Test
        void updateNamesOfAnUnknownUserIsEmpty() {
            assertThat(users.updateNames(UUID.randomUUID(), UserNames.none())).isEmpty();
        }

        @Test
        void namesViolationNamesTheField() {
            assertThat(users.namesViolation(UserNames.none())).isEmpty();
            assertThat(users.namesViolation(new UserNames(Optional.empty(), Optional.of("x\ny"), Optional.empty())))
                    .hasValueSatisfying(i -> assertThat(i.field()).isEqualTo("last_name"));
        }

        @Test
        void listAndDelete() {
            User first = registered("a@example.com", null);
            clock.advance(Duration.ofSeconds(1));
            User second = registered("b@example.com", null);

            assertThat(users.list(0, 10)).containsExactly(first, second);
            assertThat(users.list(1, 10)).containsExactly(second);
            assertThat(users.delete(first.id())).isTrue();
            assertThat(users.delete(first.id())).isFalse();
            assertThat(users.find(first.id())).isEmpty();
            assertThat(users.authenticate("a@example.com", PASSWORD)).isEmpty();
            // The email is free again.
            assertThat(users.register(newUser("a@example.com", null, PASSWORD))).isInstanceOf(Registration.Registered.class);
        }

        @Test
        void setRole() {
            User user = registered("a@example.com", null);

            assertThat(users.setRole(user.id(), Role.ADMIN)).isTrue();
            assertThat(users.find(user.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
            assertThat(users.setRole(UUID.randomUUID(), Role.ADMIN)).isFalse();
        }
    }

    @Nested
    class EnsureAdmin {
        @Test
        void createsTheAdminWhenMissing() {
            User admin = users.ensureAdmin("Root@Example.com", "admin password");

            assertThat(admin.role()).isEqualTo(Role.ADMIN);
            assertThat(admin.email()).contains("root@example.com");
            assertThat(users.authenticate("root@example.com", "admin password")).contains(admin);
            assertThat(store.countWithRole(Role.ADMIN)).isEqualTo(1);
        }

        @Test
        void promotesAnExistingUserAndKeepsTheirPassword() {
            User user = registered("root@example.com", "root");
            clock.advance(Duration.ofMinutes(1));

            User admin = users.ensureAdmin("ROOT@example.com", "another password");

            assertThat(admin.id()).isEqualTo(user.id());
            assertThat(admin.role()).isEqualTo(Role.ADMIN);
            assertThat(admin.updatedAt()).isEqualTo(clock.instant());
            assertThat(store.findById(user.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
            assertThat(users.authenticate("root", PASSWORD)).isPresent();
            assertThat(users.authenticate("root", "another password")).isEmpty();
            assertThat(users.count()).isEqualTo(1);
        }

        @Test
        void isIdempotent() {
            User first = users.ensureAdmin("root@example.com", "admin password");
            clock.advance(Duration.ofMinutes(1));

            User second = users.ensureAdmin("root@example.com", "admin password");
            User third = users.ensureAdmin("root@example.com", "a different one");

            assertThat(second).isEqualTo(first);
            assertThat(third).isEqualTo(first);
            assertThat(users.count()).isEqualTo(1);
            assertThat(store.countWithRole(Role.ADMIN)).isEqualTo(1);
        }

        @Test
        void refusesAnUnusableAdminPassword() {
            assertThatThrownBy(() -> users.ensureAdmin("root@example.com", "short"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
            assertThat(users.count()).isZero();
        }
    }

    @Test
    void roleWireNames() {
        assertThat(Role.ADMIN.wireName()).isEqualTo("admin");
        assertThat(Role.fromWireName(" Common ")).contains(Role.COMMON);
        assertThat(Role.fromWireName("root")).isEmpty();
        assertThat(Role.fromWireName(null)).isEmpty();
    }
}
