package dev.gatehouse.core.authn;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.keys.KeyGenerator;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.memory.InMemoryClientStore;
import dev.gatehouse.core.memory.InMemoryRevocationStore;
import dev.gatehouse.core.memory.InMemorySessionClientStore;
import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.password.Argon2Parameters;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.session.ClientInfo;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.StartedSession;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.token.AccessTokenIssuer;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.core.token.AccessTokenVerifier;
import dev.gatehouse.core.token.IssuedAccessToken;
import dev.gatehouse.core.user.NewUser;
import dev.gatehouse.core.user.Registration;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserNames;
import dev.gatehouse.core.user.UserService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What only the store knows about a well-signed token: revocations, the sign-in it came from, the user. */
class BearerAuthenticatorTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final SigningKey key = KeyGenerator.generate(SigningAlgorithm.HS256);
    private final AccessTokenSettings settings = new AccessTokenSettings("https://auth.example.com", "gatehouse", Duration.ofMinutes(15));
    private final AccessTokenIssuer issuer = new AccessTokenIssuer(settings, clock);
    private final InMemoryRevocationStore revocations = new InMemoryRevocationStore();
    private final InMemoryClientStore clients = new InMemoryClientStore();
    private final UserService users = new UserService(new InMemoryUserStore(),
            new PasswordHasher(new Argon2Parameters(1024, 1, 1), 2, Duration.ofSeconds(5)), clock);
    private final SessionService sessions = new SessionService(new InMemorySessionStore(), new InMemorySessionClientStore(), SessionPolicy.unlimited(), clock);
    private final BearerAuthenticator bearer = new BearerAuthenticator(
            new AccessTokenVerifier(settings, kid -> kid.equals(key.kid()) ? Optional.of(key) : Optional.empty(), clock),
            revocations, clients, users, sessions, clock);
    private final User ada = ((Registration.Registered) users.register(new NewUser(Optional.of("ada@example.com"), Optional.empty(),
            "correct horse battery", UserNames.none(), Role.COMMON))).user();

    private boolean accepted(String token) {
        return bearer.authenticate(token) instanceof AuthResult.Authenticated a && a.method() == AuthMethod.BEARER;
    }

    @Test
    void aFreshTokenIsAcceptedAndARevokedJtiIsNot() {
        IssuedAccessToken token = issuer.issue(ada, key);
        assertThat(accepted(token.token())).isTrue();
        revocations.revokeJti(token.jti(), token.expiresAt());
        assertThat(bearer.authenticate(token.token())).isEqualTo(new AuthResult.Rejected(Rejection.INVALID_TOKEN));
    }

    @Test
    void theUsersNotBeforeEndsEveryEarlierTokenIncludingTheSameSecond() {
        IssuedAccessToken before = issuer.issue(ada, key);
        clock.advance(Duration.ofMillis(400));
        revocations.setUserNotBefore(ada.id(), clock.instant());
        IssuedAccessToken sameSecond = issuer.issue(ada, key);
        clock.advance(Duration.ofSeconds(1));
        IssuedAccessToken after = issuer.issue(ada, key);
        assertThat(accepted(before.token())).isFalse();
        assertThat(accepted(sameSecond.token())).as("iat has whole seconds: refused to be safe").isFalse();
        assertThat(accepted(after.token())).isTrue();
    }

    @Test
    void aTokenBoundToASessionEndsWithIt() {
        StartedSession session = sessions.start(ada.id(), ClientInfo.unknown());
        IssuedAccessToken token = issuer.issue(ada, key, Optional.of(session.session().id().toString()));
        assertThat(accepted(token.token())).isTrue();
        sessions.end(session.token());
        assertThat(accepted(token.token())).isFalse();
        assertThat(accepted(issuer.issue(ada, key, Optional.of("not-a-uuid")).token())).as("a garbled sid is no session").isFalse();
    }

    @Test
    void aDeletedUsersTokensAreRefused() {
        IssuedAccessToken token = issuer.issue(ada, key);
        users.delete(ada.id());
        assertThat(accepted(token.token())).isFalse();
    }

    @Test
    void aTokenServedFromTheVerifiedCacheIsStillRevokedAtOnce() {
        StartedSession session = sessions.start(ada.id(), ClientInfo.unknown());
        IssuedAccessToken byJti = issuer.issue(ada, key);
        IssuedAccessToken bySession = issuer.issue(ada, key, Optional.of(session.session().id().toString()));
        for (int i = 0; i < 3; i++) {
            assertThat(accepted(byJti.token())).as("verified once, then from the cache").isTrue();
            assertThat(accepted(bySession.token())).isTrue();
        }
        revocations.revokeJti(byJti.jti(), byJti.expiresAt());
        sessions.end(session.token());
        assertThat(accepted(byJti.token())).isFalse();
        assertThat(accepted(bySession.token())).isFalse();

        IssuedAccessToken later = issuer.issue(ada, key);
        assertThat(accepted(later.token())).isTrue();
        clock.advance(Duration.ofSeconds(1));
        revocations.setUserNotBefore(ada.id(), clock.instant());
        assertThat(accepted(later.token())).as("log-out-everywhere").isFalse();
    }

    private Client serviceClient(String id, Set<GrantType> grants, Set<String> scopes) {
        Instant now = clock.instant();
        return new Client(id, "Billing", ClientType.CONFIDENTIAL, Optional.of("hash"), Optional.empty(), List.of(), List.of(), Optional.empty(), scopes,
                grants, false, false, Optional.empty(), Optional.empty(), now, now);
    }

    @Test
    void aClientsOwnTokenAuthenticatesTheClientWhileItIsRegistered() {
        Client billing = serviceClient("billing", Set.of(GrantType.CLIENT_CREDENTIALS), Set.of("invoices", "reports"));
        clients.insert(billing);
        IssuedAccessToken token = issuer.issueForClient(new ClientGrant("billing", Set.of("invoices")), key, Duration.ofMinutes(5));

        assertThat(bearer.authenticate(token.token()))
                .isEqualTo(new AuthResult.ClientAuthenticated(billing, new ClientGrant("billing", Set.of("invoices"))));
        clients.delete("billing");
        assertThat(bearer.authenticate(token.token())).as("a deleted client's tokens end with it")
                .isEqualTo(new AuthResult.Rejected(Rejection.INVALID_TOKEN));
        clock.advance(Duration.ofSeconds(1));
        clients.insert(serviceClient("billing", Set.of(GrantType.CLIENT_CREDENTIALS), Set.of("invoices")));
        assertThat(bearer.authenticate(token.token())).as("a client registered again does not inherit the old one's tokens")
                .isEqualTo(new AuthResult.Rejected(Rejection.INVALID_TOKEN));
    }

    @Test
    void aClientsFirstTokenIsAcceptedInTheSecondItWasRegistered() {
        clock.advance(Duration.ofMillis(700));
        clients.insert(serviceClient("billing", Set.of(GrantType.CLIENT_CREDENTIALS), Set.of()));
        IssuedAccessToken token = issuer.issueForClient(new ClientGrant("billing", Set.of()), key, Duration.ofMinutes(5));
        assertThat(bearer.authenticate(token.token())).isInstanceOf(AuthResult.ClientAuthenticated.class);
    }

    @Test
    void whatTheOperatorTakesFromAClientItsTokensLoseAtOnce() {
        clients.insert(serviceClient("billing", Set.of(GrantType.CLIENT_CREDENTIALS), Set.of("invoices", "reports")));
        IssuedAccessToken token = issuer.issueForClient(new ClientGrant("billing", Set.of("invoices", "reports")), key, Duration.ofMinutes(5));
        Client fewer = serviceClient("billing", Set.of(GrantType.CLIENT_CREDENTIALS), Set.of("reports"));
        assertThat(clients.update(fewer, fewer.updatedAt())).isTrue();
        assertThat(bearer.authenticate(token.token())).isEqualTo(new AuthResult.ClientAuthenticated(
                clients.findById("billing").orElseThrow(), new ClientGrant("billing", Set.of("reports"))));

        Client withoutTheGrant = new Client("billing", "Billing", ClientType.CONFIDENTIAL, Optional.of("hash"), Optional.empty(), List.of("https://b.example/cb"),
                List.of(), Optional.empty(), Set.of("reports"), Set.of(GrantType.AUTHORIZATION_CODE), false, false, Optional.empty(), Optional.empty(),
                fewer.createdAt(), fewer.updatedAt().plusSeconds(1));
        assertThat(clients.update(withoutTheGrant, fewer.updatedAt())).isTrue();
        assertThat(bearer.authenticate(token.token())).as("a client that may no longer act as itself")
                .isEqualTo(new AuthResult.Rejected(Rejection.INVALID_TOKEN));
    }
}
