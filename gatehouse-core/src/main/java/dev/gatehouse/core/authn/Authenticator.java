package dev.gatehouse.core.authn;

import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserService;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Turns a presented {@link Credential} into an {@link AuthResult}, honouring the enabled methods. */
public final class Authenticator {
    private final UserService users;
    private final SessionService sessions;
    private final Set<AuthMethod> enabled;
    private final Optional<BearerAuthenticator> bearer;
    private final Optional<BasicCredentialCache> basicCache;

    /**
     * An authenticator of Basic credentials and session cookies; bearer tokens are rejected.
     *
     * @param users checks Basic logins and passwords, and finds the users of sessions
     * @param sessions resolves session cookies
     * @param enabled the methods accepted; a credential of any other is rejected
     */
    public Authenticator(UserService users, SessionService sessions, Set<AuthMethod> enabled) {
        this(users, sessions, enabled, Optional.empty());
    }

    /**
     * With {@code bearer} present, {@link AuthMethod#BEARER} in {@code enabled} accepts access tokens.
     *
     * @param users checks Basic logins and passwords, and finds the users of sessions
     * @param sessions resolves session cookies
     * @param enabled the methods accepted; a credential of any other is rejected
     * @param bearer checks access tokens; empty when tokens are off
     */
    public Authenticator(UserService users, SessionService sessions, Set<AuthMethod> enabled, Optional<BearerAuthenticator> bearer) {
        this(users, sessions, enabled, bearer, Optional.empty());
    }

    /**
     * With {@code basicCache} present, a Basic login and password that verified recently are not hashed again.
     *
     * @param users checks Basic logins and passwords, and finds the users of sessions
     * @param sessions resolves session cookies
     * @param enabled the methods accepted; a credential of any other is rejected
     * @param bearer checks access tokens; empty when tokens are off
     * @param basicCache remembers Basic credentials that verified; empty to hash the password on every request
     */
    public Authenticator(UserService users, SessionService sessions, Set<AuthMethod> enabled, Optional<BearerAuthenticator> bearer,
                         Optional<BasicCredentialCache> basicCache) {
        this.users = users;
        this.sessions = sessions;
        this.enabled = enabled.isEmpty() ? EnumSet.noneOf(AuthMethod.class) : EnumSet.copyOf(enabled);
        this.bearer = bearer;
        this.basicCache = basicCache;
    }

    /**
     * Whether credentials of this kind are accepted.
     *
     * @param type a kind of credential
     * @return true when it is among the enabled methods
     */
    public boolean isEnabled(AuthMethod type) {
        return enabled.contains(type);
    }

    /**
     * Authenticates a request by the credential it presented, if any.
     *
     * @param credential the credential, or empty when the request presented none
     * @return {@link AuthResult.Anonymous} for no credential, else as {@link #authenticate(Credential)}
     */
    public AuthResult authenticate(Optional<Credential> credential) {
        return credential.map(this::authenticate).orElseGet(AuthResult.Anonymous::new);
    }

    /**
     * Authenticates one credential. One whose method is not enabled is rejected
     * ({@link Rejection#METHOD_NOT_ENABLED}) without being checked, valid or not. A store that
     * cannot answer throws {@link dev.gatehouse.core.spi.StoreUnavailableException}: the request is
     * then refused, never let through.
     *
     * @param credential the credential presented
     * @return the user and method, or why the credential was rejected
     */
    public AuthResult authenticate(Credential credential) {
        return switch (credential) {
            case Credential.Basic basic -> basic(basic);
            case Credential.SessionCookie cookie -> session(cookie);
            case Credential.Bearer token -> bearer(token);
        };
    }

    private AuthResult bearer(Credential.Bearer token) {
        if (!enabled.contains(AuthMethod.BEARER) || bearer.isEmpty()) {
            return new AuthResult.Rejected(Rejection.METHOD_NOT_ENABLED);
        }
        return bearer.get().authenticate(token.token());
    }

    private AuthResult basic(Credential.Basic basic) {
        if (!enabled.contains(AuthMethod.BASIC)) {
            return new AuthResult.Rejected(Rejection.METHOD_NOT_ENABLED);
        }
        Optional<User> user = basicCache.isPresent()
                ? basicCache.get().authenticate(basic.login(), basic.password())
                : users.authenticate(basic.login(), basic.password());
        return user.<AuthResult>map(Authenticator::basicUser).orElseGet(() -> new AuthResult.Rejected(Rejection.INVALID_CREDENTIALS));
    }

    /**
     * The caller when this Basic credential verified recently (see {@link BasicCredentialCache}); empty
     * when it must be checked in full by {@link #authenticate(Credential)}, or Basic is off. Never a
     * rejection: a miss says nothing about the password.
     *
     * @param basic the Basic login and password presented
     * @return the caller from the cache, or empty when only a full check can tell
     */
    public Optional<AuthResult.Authenticated> cachedBasic(Credential.Basic basic) {
        if (!enabled.contains(AuthMethod.BASIC) || basicCache.isEmpty()) {
            return Optional.empty();
        }
        return basicCache.get().cached(basic.login(), basic.password()).map(Authenticator::basicUser);
    }

    private static AuthResult.Authenticated basicUser(User user) {
        return new AuthResult.Authenticated(user, AuthMethod.BASIC, Optional.empty());
    }

    private AuthResult session(Credential.SessionCookie cookie) {
        if (!enabled.contains(AuthMethod.SESSION)) {
            return new AuthResult.Rejected(Rejection.METHOD_NOT_ENABLED);
        }
        // A session whose user was deleted is as good as no session.
        return sessions.resolve(cookie.token())
                .flatMap(session -> users.find(session.userId())
                        .<AuthResult>map(user -> new AuthResult.Authenticated(user, AuthMethod.SESSION, Optional.of(session))))
                .orElseGet(() -> new AuthResult.Rejected(Rejection.INVALID_SESSION));
    }
}
