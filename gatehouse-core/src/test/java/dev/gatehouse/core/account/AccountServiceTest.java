package dev.gatehouse.core.account;

import dev.gatehouse.core.TestHashers;
import dev.gatehouse.core.memory.InMemorySessionClientStore;
import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.session.ClientInfo;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.StartedSession;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.user.NewUser;
import dev.gatehouse.core.user.PasswordChange;
import dev.gatehouse.core.user.Registration;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserNames;
import dev.gatehouse.core.user.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AccountServiceTest {
    private static final String PASSWORD = "old password";
    private static final String NEW_PASSWORD = "new password";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final UserService users = new UserService(new InMemoryUserStore(), TestHashers.fast(), clock);
    private final SessionService sessions = new SessionService(new InMemorySessionStore(), new InMemorySessionClientStore(), new SessionPolicy(Duration.ofDays(1), Duration.ZERO), clock);
    private final AccountService accounts = new AccountService(users, sessions);

    private User alice;
    private User bob;
    private StartedSession laptop;
    private StartedSession phone;
    private StartedSession thief;
    private StartedSession bobs;

    private User register(String username) {
        Registration r = users.register(new NewUser(Optional.empty(), Optional.of(username), PASSWORD, UserNames.none(), Role.COMMON));
        return ((Registration.Registered) r).user();
    }

    @BeforeEach
    void twoUsersWithSessions() {
        alice = register("alice");
        bob = register("bob");
        laptop = sessions.start(alice.id(), ClientInfo.unknown());
        phone = sessions.start(alice.id(), ClientInfo.unknown());
        thief = sessions.start(alice.id(), ClientInfo.unknown());
        bobs = sessions.start(bob.id(), ClientInfo.unknown());
    }

    private boolean live(StartedSession s) {
        return sessions.resolve(s.token()).isPresent();
    }

    @Test
    void changePasswordEndsOtherSessionsButKeepsTheGivenOne() {
        PasswordChange result = accounts.changePassword(alice.id(), PASSWORD, NEW_PASSWORD, Optional.of(laptop.session().id()));

        assertThat(result).isInstanceOf(PasswordChange.Changed.class);
        assertThat(live(laptop)).isTrue();
        assertThat(live(phone)).isFalse();
        assertThat(live(thief)).isFalse();
        assertThat(live(bobs)).isTrue();
        assertThat(users.authenticate("alice", NEW_PASSWORD)).isPresent();
    }

    @Test
    void changePasswordWithoutASessionToKeepEndsThemAll() {
        assertThat(accounts.changePassword(alice.id(), PASSWORD, NEW_PASSWORD, Optional.empty())).isInstanceOf(PasswordChange.Changed.class);

        assertThat(sessions.list(alice.id())).isEmpty();
        assertThat(live(bobs)).isTrue();
    }

    @Test
    void failedChangeEndsNothing() {
        assertThat(accounts.changePassword(alice.id(), "not the password", NEW_PASSWORD, Optional.of(laptop.session().id())))
                .isInstanceOf(PasswordChange.WrongCurrentPassword.class);
        assertThat(accounts.changePassword(alice.id(), PASSWORD, "short", Optional.of(laptop.session().id())))
                .isInstanceOf(PasswordChange.Invalid.class);

        assertThat(sessions.list(alice.id())).hasSize(3);
        assertThat(users.authenticate("alice", PASSWORD)).isPresent();
    }

    @Test
    void keepingAnotherUsersSessionDoesNotSpareAnyOfOurs() {
        accounts.changePassword(alice.id(), PASSWORD, NEW_PASSWORD, Optional.of(bobs.session().id()));

        assertThat(sessions.list(alice.id())).isEmpty();
        assertThat(live(bobs)).isTrue();
    }

    @Test
    void setPasswordEndsEverySession() {
        assertThat(accounts.setPassword(alice.id(), NEW_PASSWORD)).isInstanceOf(PasswordChange.Changed.class);

        assertThat(sessions.list(alice.id())).isEmpty();
        assertThat(live(bobs)).isTrue();
        assertThat(users.authenticate("alice", NEW_PASSWORD)).isPresent();
    }

    @Test
    void invalidSetPasswordEndsNothing() {
        assertThat(accounts.setPassword(alice.id(), "short")).isInstanceOf(PasswordChange.Invalid.class);

        assertThat(sessions.list(alice.id())).hasSize(3);
    }

    @Test
    void deleteUserEndsAllTheirSessions() {
        assertThat(accounts.deleteUser(alice.id())).isTrue();

        assertThat(users.find(alice.id())).isEmpty();
        assertThat(live(laptop)).isFalse();
        assertThat(live(phone)).isFalse();
        assertThat(live(thief)).isFalse();
        assertThat(sessions.list(alice.id())).isEmpty();
        assertThat(live(bobs)).isTrue();
        assertThat(users.find(bob.id())).isPresent();
    }

    @Test
    void deletingAnUnknownUserIsFalse() {
        assertThat(accounts.deleteUser(UUID.randomUUID())).isFalse();
        assertThat(sessions.countLive()).isEqualTo(4);
    }
}
