package dev.gatehouse.core.authn;

import dev.gatehouse.core.TestHashers;
import dev.gatehouse.core.internal.support.SecureIds;
import dev.gatehouse.core.memory.InMemorySessionClientStore;
import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.session.ClientInfo;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.StartedSession;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.user.NewUser;
import dev.gatehouse.core.user.Registration;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserNames;
import dev.gatehouse.core.user.UserService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticatorTest {
    private static final String PASSWORD = "open sesame!";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final UserService users = new UserService(new InMemoryUserStore(), TestHashers.fast(), clock);
    private final SessionService sessions = new SessionService(new InMemorySessionStore(), new InMemorySessionClientStore(), new SessionPolicy(Duration.ofHours(1), Duration.ZERO), clock);
    private final Authenticator both = new Authenticator(users, sessions, EnumSet.allOf(AuthMethod.class));
    private final User alice = register();

    private User register() {
        Registration r = users.register(new NewUser(Optional.of("alice@example.com"), Optional.of("alice"), PASSWORD, UserNames.none(), Role.COMMON));
        return ((Registration.Registered) r).user();
    }

    @Test
    void basicWithTheRightPassword() {
        AuthResult result = both.authenticate(new Credential.Basic("alice", PASSWORD));

        assertThat(result).isEqualTo(new AuthResult.Authenticated(alice, AuthMethod.BASIC, Optional.empty()));
        assertThat(both.authenticate(new Credential.Basic("Alice@Example.com", PASSWORD)))
                .isEqualTo(new AuthResult.Authenticated(alice, AuthMethod.BASIC, Optional.empty()));
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameRejection() {
        AuthResult wrongPassword = both.authenticate(new Credential.Basic("alice", "open sesame?"));
        AuthResult unknownUser = both.authenticate(new Credential.Basic("mallory", PASSWORD));
        AuthResult unknownEmail = both.authenticate(new Credential.Basic("mallory@example.com", PASSWORD));
        AuthResult emptyPassword = both.authenticate(new Credential.Basic("alice", ""));

        assertThat(wrongPassword).isEqualTo(new AuthResult.Rejected(Rejection.INVALID_CREDENTIALS));
        assertThat(unknownUser).isEqualTo(wrongPassword);
        assertThat(unknownEmail).isEqualTo(wrongPassword);
        assertThat(emptyPassword).isEqualTo(wrongPassword);
    }

    @Test
    void liveSession() {
        StartedSession started = sessions.start(alice.id(), ClientInfo.unknown());

        AuthResult result = both.authenticate(new Credential.SessionCookie(started.token()));

        assertThat(result).isInstanceOfSatisfying(AuthResult.Authenticated.class, a -> {
            assertThat(a.user()).isEqualTo(alice);
            assertThat(a.method()).isEqualTo(AuthMethod.SESSION);
            assertThat(a.session()).hasValueSatisfying(s -> assertThat(s.id()).isEqualTo(started.session().id()));
        });
    }

    @Test
    void sessionGivesTheUsersCurrentRecord() {
        StartedSession started = sessions.start(alice.id(), ClientInfo.unknown());
        users.setRole(alice.id(), Role.ADMIN);

        AuthResult result = both.authenticate(new Credential.SessionCookie(started.token()));

        assertThat(result).isInstanceOfSatisfying(AuthResult.Authenticated.class, a -> assertThat(a.user().role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void sessionOfADeletedUserIsRejected() {
        StartedSession started = sessions.start(alice.id(), ClientInfo.unknown());
        users.delete(alice.id());   // the user record only: the session itself is still in the store

        assertThat(sessions.resolve(started.token())).isPresent();
        assertThat(both.authenticate(new Credential.SessionCookie(started.token())))
                .isEqualTo(new AuthResult.Rejected(Rejection.INVALID_SESSION));
    }

    @Test
    void unknownMalformedEndedOrExpiredSessionIsRejected() {
        AuthResult invalid = new AuthResult.Rejected(Rejection.INVALID_SESSION);
        StartedSession ended = sessions.start(alice.id(), ClientInfo.unknown());
        sessions.end(ended.token());
        StartedSession expiring = sessions.start(alice.id(), ClientInfo.unknown());

        assertThat(both.authenticate(new Credential.SessionCookie(SecureIds.newToken()))).isEqualTo(invalid);
        assertThat(both.authenticate(new Credential.SessionCookie("garbage"))).isEqualTo(invalid);
        assertThat(both.authenticate(new Credential.SessionCookie(""))).isEqualTo(invalid);
        assertThat(both.authenticate(new Credential.SessionCookie(ended.token()))).isEqualTo(invalid);
        assertThat(both.authenticate(new Credential.SessionCookie(expiring.token()))).isInstanceOf(AuthResult.Authenticated.class);
        clock.advance(Duration.ofHours(1));
        assertThat(both.authenticate(new Credential.SessionCookie(expiring.token()))).isEqualTo(invalid);
    }

    @Test
    void disabledMethodsAreRefusedEvenWithGoodCredentials() {
        StartedSession started = sessions.start(alice.id(), ClientInfo.unknown());
        Authenticator sessionOnly = new Authenticator(users, sessions, Set.of(AuthMethod.SESSION));
        Authenticator basicOnly = new Authenticator(users, sessions, Set.of(AuthMethod.BASIC));
        AuthResult notEnabled = new AuthResult.Rejected(Rejection.METHOD_NOT_ENABLED);

        assertThat(sessionOnly.authenticate(new Credential.Basic("alice", PASSWORD))).isEqualTo(notEnabled);
        assertThat(sessionOnly.authenticate(new Credential.SessionCookie(started.token()))).isInstanceOf(AuthResult.Authenticated.class);
        assertThat(basicOnly.authenticate(new Credential.SessionCookie(started.token()))).isEqualTo(notEnabled);
        assertThat(basicOnly.authenticate(new Credential.Basic("alice", PASSWORD))).isInstanceOf(AuthResult.Authenticated.class);
        assertThat(sessionOnly.isEnabled(AuthMethod.BASIC)).isFalse();
        assertThat(sessionOnly.isEnabled(AuthMethod.SESSION)).isTrue();
    }

    @Test
    void nothingEnabledRefusesEverything() {
        Authenticator none = new Authenticator(users, sessions, Set.of());
        AuthResult notEnabled = new AuthResult.Rejected(Rejection.METHOD_NOT_ENABLED);

        assertThat(none.authenticate(new Credential.Basic("alice", PASSWORD))).isEqualTo(notEnabled);
        assertThat(none.authenticate(new Credential.SessionCookie(sessions.start(alice.id(), ClientInfo.unknown()).token()))).isEqualTo(notEnabled);
        assertThat(none.authenticate(Optional.empty())).isEqualTo(new AuthResult.Anonymous());
    }

    @Test
    void enabledMethodsAreCopied() {
        Set<AuthMethod> enabled = EnumSet.of(AuthMethod.BASIC);
        Authenticator authenticator = new Authenticator(users, sessions, enabled);
        enabled.add(AuthMethod.SESSION);

        assertThat(authenticator.isEnabled(AuthMethod.SESSION)).isFalse();
    }

    @Test
    void noCredentialIsAnonymous() {
        assertThat(both.authenticate(Optional.empty())).isEqualTo(new AuthResult.Anonymous());
        assertThat(both.authenticate(Optional.of(new Credential.Basic("alice", PASSWORD)))).isInstanceOf(AuthResult.Authenticated.class);
    }

    @Test
    void credentialToStringHidesSecrets() {
        String token = SecureIds.newToken();

        assertThat(new Credential.Basic("alice", "hunter22hunter22").toString()).contains("alice").doesNotContain("hunter22");
        assertThat(new Credential.SessionCookie(token).toString()).doesNotContain(token).doesNotContain(token.substring(0, 8));
    }

    @Test
    void authenticatedToStringHidesTheHashAndToken() {
        StartedSession started = sessions.start(alice.id(), ClientInfo.unknown());
        AuthResult result = both.authenticate(new Credential.SessionCookie(started.token()));

        assertThat(result.toString()).doesNotContain(alice.passwordHash()).doesNotContain(started.token())
                .doesNotContain(started.session().tokenHash()).contains(alice.id().toString());
    }

    @Test
    void rejectionCodesAreStable() {
        assertThat(Rejection.INVALID_CREDENTIALS.code()).isEqualTo("invalid_credentials");
        assertThat(Rejection.INVALID_SESSION.code()).isEqualTo("invalid_session");
        assertThat(Rejection.METHOD_NOT_ENABLED.code()).isEqualTo("auth_method_not_enabled");
    }
}
