package dev.gatehouse.tck;

import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.RoleChange;
import dev.gatehouse.core.authn.AuthResult;
import dev.gatehouse.core.authn.RefreshOutcome;
import dev.gatehouse.core.authn.TokenAuthority;
import dev.gatehouse.core.authn.TokenPair;
import dev.gatehouse.core.keys.KeySource;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.TokenKeys;
import dev.gatehouse.core.memory.InMemoryClientStore;
import dev.gatehouse.core.memory.InMemoryKeyStore;
import dev.gatehouse.core.memory.InMemorySessionClientStore;
import dev.gatehouse.core.password.Argon2Parameters;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.session.ClientInfo;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.StartedSession;
import dev.gatehouse.core.spi.RefreshTokenStore;
import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.spi.UserStore;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.token.AccessTokenSettings;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account rules of {@link AccountService} and {@link TokenAuthority#endSignIn} on real
 * stores: a password change, a deletion, a demotion or a logout ends exactly the sign-ins it
 * should, whichever backend keeps them. A backend's test extends this class and says how to open
 * its stores, fresh and empty, sharing one database where it has one.
 */
public abstract class AccountRulesContract {
    private static final String PASSWORD = "an old password, long enough";
    private static final String NEW_PASSWORD = "a new password, long enough";

    /**
     * The stores the rules work on.
     *
     * @param users         where users are kept
     * @param sessions      where sessions are kept
     * @param refreshTokens where refresh tokens are kept
     * @param revocations   where access-token revocations and users' not-before times are kept
     */
    public record Stores(UserStore users, SessionStore sessions, RefreshTokenStore refreshTokens, RevocationStore revocations) {
    }

    /** The fake clock that every service here takes its time from. */
    protected final MutableClock clock = MutableClock.atFixedStart();

    private UserService users;
    private SessionService sessions;
    private TokenAuthority tokens;
    private AccountService accounts;

    /** For a backend's test, which says how to open its stores in {@link #newStores()}. */
    public AccountRulesContract() {
    }

    /**
     * Fresh, empty stores; called once before each test.
     *
     * @return the four stores, sharing one database where the backend has one
     */
    protected abstract Stores newStores();

    /** A sign-in as the HTTP API makes one: a session and the tokens bound to it. */
    private record SignIn(StartedSession session, TokenPair tokens) {
    }

    @BeforeEach
    void wire() {
        Stores stores = newStores();
        users = new UserService(stores.users(), new PasswordHasher(new Argon2Parameters(1024, 1, 1), 2, Duration.ofSeconds(10)), clock);
        sessions = new SessionService(stores.sessions(), new InMemorySessionClientStore(), SessionPolicy.unlimited(), clock);
        Duration accessTtl = Duration.ofMinutes(15);
        KeySource keys = new KeySource.Generated(SigningAlgorithm.ES256, Duration.ofDays(30), Optional.empty());
        tokens = TokenAuthority.create(new AccessTokenSettings("https://auth.example.com", "gatehouse", accessTtl), Duration.ofDays(30),
                TokenKeys.open(keys, accessTtl, new InMemoryKeyStore(), clock),
                stores.refreshTokens(), stores.revocations(), new InMemoryClientStore(), users, sessions, clock);
        accounts = new AccountService(users, sessions, tokens::endAllForUser);
    }

    private User register(String username, Role role) {
        Registration r = users.register(new NewUser(Optional.empty(), Optional.of(username), PASSWORD, UserNames.none(), role));
        return ((Registration.Registered) r).user();
    }

    private SignIn signIn(User user) {
        StartedSession session = sessions.start(user.id(), ClientInfo.unknown());
        return new SignIn(session, tokens.issue(user, Optional.of(session.session())));
    }

    private boolean sessionLive(SignIn signIn) {
        return sessions.resolve(signIn.session().token()).isPresent();
    }

    private boolean accessTokenAccepted(SignIn signIn) {
        return tokens.bearer().authenticate(signIn.tokens().accessToken()) instanceof AuthResult.Authenticated;
    }

    private boolean refreshAccepted(SignIn signIn) {
        return tokens.refresh(signIn.tokens().refreshToken()) instanceof RefreshOutcome.Refreshed;
    }

    @Test
    void aPasswordChangeEndsOtherSessionsEveryRefreshFamilyAndEveryAccessToken() {
        User ada = register("ada", Role.COMMON);
        User bob = register("bob", Role.COMMON);
        SignIn laptop = signIn(ada);
        SignIn thief = signIn(ada);
        SignIn bobs = signIn(bob);
        assertThat(accessTokenAccepted(thief)).isTrue();

        assertThat(accounts.changePassword(ada.id(), PASSWORD, NEW_PASSWORD, Optional.of(laptop.session().session().id())))
                .isInstanceOf(PasswordChange.Changed.class);

        assertThat(sessionLive(laptop)).as("the session making the change").isTrue();
        assertThat(sessionLive(thief)).isFalse();
        assertThat(accessTokenAccepted(thief)).isFalse();
        assertThat(accessTokenAccepted(laptop)).as("issued before the change").isFalse();
        assertThat(refreshAccepted(thief)).isFalse();
        assertThat(refreshAccepted(laptop)).isFalse();
        assertThat(sessionLive(bobs) && accessTokenAccepted(bobs)).as("another user's").isTrue();
        assertThat(refreshAccepted(bobs)).isTrue();
    }

    @Test
    void aPasswordSetWithoutTheCurrentOneEndsEverySignIn() {
        User ada = register("ada", Role.COMMON);
        SignIn laptop = signIn(ada);

        assertThat(accounts.setPassword(ada.id(), NEW_PASSWORD)).isInstanceOf(PasswordChange.Changed.class);

        assertThat(sessionLive(laptop)).isFalse();
        assertThat(accessTokenAccepted(laptop)).isFalse();
        assertThat(refreshAccepted(laptop)).isFalse();
        assertThat(users.authenticate("ada", NEW_PASSWORD)).isPresent();
    }

    @Test
    void aRefusedChangeEndsNothing() {
        User ada = register("ada", Role.COMMON);
        SignIn laptop = signIn(ada);

        assertThat(accounts.changePassword(ada.id(), "not the password", NEW_PASSWORD, Optional.empty()))
                .isInstanceOf(PasswordChange.WrongCurrentPassword.class);
        assertThat(accounts.setPassword(ada.id(), "password")).isInstanceOf(PasswordChange.Invalid.class);

        assertThat(sessionLive(laptop) && accessTokenAccepted(laptop)).isTrue();
        assertThat(refreshAccepted(laptop)).isTrue();
    }

    @Test
    void aDeletedUsersSignInsEnd() {
        User ada = register("ada", Role.COMMON);
        SignIn laptop = signIn(ada);

        assertThat(accounts.deleteUser(ada.id())).isTrue();

        assertThat(sessionLive(laptop)).isFalse();
        assertThat(accessTokenAccepted(laptop)).isFalse();
        assertThat(refreshAccepted(laptop)).isFalse();
    }

    @Test
    void theLastAdminCannotBeDemotedAndADemotedAdminsTokensEnd() {
        User root = register("root", Role.ADMIN);
        assertThat(accounts.changeRole(root.id(), Role.COMMON)).isInstanceOf(RoleChange.LastAdmin.class);
        User ada = register("ada", Role.COMMON);
        assertThat(accounts.changeRole(ada.id(), Role.ADMIN)).isInstanceOfSatisfying(RoleChange.Changed.class,
                c -> assertThat(c.user().role()).isEqualTo(Role.ADMIN));
        SignIn adas = signIn(users.find(ada.id()).orElseThrow());

        assertThat(accounts.changeRole(root.id(), Role.COMMON)).as("ada is an admin now").isInstanceOf(RoleChange.Changed.class);
        assertThat(accounts.changeRole(ada.id(), Role.COMMON)).isInstanceOf(RoleChange.LastAdmin.class);
        assertThat(sessionLive(adas) && accessTokenAccepted(adas)).isTrue();

        User bea = register("bea", Role.ADMIN);
        assertThat(accounts.changeRole(ada.id(), Role.COMMON)).isInstanceOf(RoleChange.Changed.class);
        assertThat(accessTokenAccepted(adas)).as("its role claim says admin").isFalse();
        assertThat(refreshAccepted(adas)).isFalse();
        assertThat(sessionLive(adas)).as("the session reads the role at each request").isTrue();
        assertThat(users.find(bea.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void logoutWithAnAccessTokenEndsItsSessionItsRefreshFamilyAndTheToken() {
        User ada = register("ada", Role.COMMON);
        SignIn laptop = signIn(ada);
        SignIn phone = signIn(ada);

        assertThat(tokens.endSignIn(laptop.tokens().accessToken())).contains(laptop.session().session().id());

        assertThat(accessTokenAccepted(laptop)).isFalse();
        assertThat(sessionLive(laptop)).as("the cookie of that sign-in").isFalse();
        assertThat(refreshAccepted(laptop)).isFalse();
        assertThat(sessionLive(phone) && accessTokenAccepted(phone)).as("another sign-in").isTrue();
        assertThat(refreshAccepted(phone)).isTrue();
        assertThat(tokens.endSignIn(laptop.tokens().accessToken())).as("a token no longer live ends nothing").isEmpty();
        assertThat(tokens.endSignIn("not.a.token")).isEmpty();
    }
}
