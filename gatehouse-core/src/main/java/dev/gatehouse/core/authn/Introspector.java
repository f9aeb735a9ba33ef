package dev.gatehouse.core.authn;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.user.User;
import dev.gatehouse.core.user.UserService;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 7662 introspection of every credential a client may hold: access tokens, refresh tokens
 * and session tokens (the value of the session cookie). Resource servers that cannot read the
 * session store, such as an app guarded by gatehouse-middleware, learn from it whose session a
 * cookie is.
 *
 * <p>Introspecting a session counts as using it: its idle expiry is pushed back just as a request
 * to Gatehouse with the cookie would, so a user active only in a guarded app stays signed in.
 */
public final class Introspector {
    /** RFC 7662 section 2.1's {@code token_type_hint} values, plus {@code session}. */
    public enum Hint {
        /** {@code access_token}: a JWT access token. */
        ACCESS_TOKEN,
        /** {@code refresh_token}: an opaque refresh token, looked up as such first. */
        REFRESH_TOKEN,
        /** {@code session} (or {@code session_token}): the value of the session cookie. */
        SESSION;

        /**
         * The hint a client sent; an unknown one is no hint (the RFC lets the server search everywhere).
         *
         * @param name the {@code token_type_hint} as sent
         * @return the hint, or empty when the name is not one of them
         */
        public static Optional<Hint> fromName(String name) {
            return switch (name) {
                case "access_token" -> Optional.of(ACCESS_TOKEN);
                case "refresh_token" -> Optional.of(REFRESH_TOKEN);
                case "session", "session_token" -> Optional.of(SESSION);
                default -> Optional.empty();
            };
        }
    }

    private final UserService users;
    private final SessionService sessions;
    private final boolean sessionsEnabled;
    private final Optional<TokenAuthority> tokens;

    /**
     * An introspector of whatever {@code enabled} lets sign in.
     *
     * @param users    finds the user a session or refresh token belongs to
     * @param sessions resolves session tokens, pushing their idle expiry back
     * @param enabled  the methods sign-in accepts; without {@link AuthMethod#SESSION} no session is live
     * @param tokens   the token machinery, when JWTs are enabled: without it only sessions are known
     */
    public Introspector(UserService users, SessionService sessions, Set<AuthMethod> enabled, Optional<TokenAuthority> tokens) {
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.sessionsEnabled = enabled.contains(AuthMethod.SESSION);
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * Whether {@code token} is live, and whose. A JWT is judged as an access token; an opaque
     * token is looked up as a session and as a refresh token, in the order the hint suggests.
     *
     * @param token the token as presented
     * @param hint the client's {@code token_type_hint}; it only changes the order of the lookups
     * @return whose the token is, or {@link Introspection.Inactive} for anything not live
     */
    public Introspection introspect(String token, Optional<Hint> hint) {
        if (token.indexOf('.') > 0) {
            return tokens.map(t -> t.introspect(token)).orElseGet(Introspection.Inactive::new);
        }
        boolean refreshFirst = hint.filter(h -> h == Hint.REFRESH_TOKEN).isPresent();
        Introspection first = refreshFirst ? refreshToken(token) : session(token);
        if (first instanceof Introspection.Active) {
            return first;
        }
        return refreshFirst ? session(token) : refreshToken(token);
    }

    private Introspection refreshToken(String token) {
        return tokens.map(t -> t.introspectRefreshToken(token)).orElseGet(Introspection.Inactive::new);
    }

    private Introspection session(String token) {
        if (!sessionsEnabled) {
            // A cookie that would not sign anyone in to Gatehouse must not sign them in elsewhere.
            return new Introspection.Inactive();
        }
        return sessions.resolve(token)
                .flatMap(session -> users.find(session.userId()).map(user -> describe(session, user)))
                .orElseGet(Introspection.Inactive::new);
    }

    private static Introspection describe(Session session, User user) {
        return new Introspection.Active("session", user.id().toString(), user.username(), user.email(), Optional.of(user.role().wireName()),
                session.createdAt(), session.expiresAt(), Optional.empty(), Optional.of(session.id()), Optional.empty());
    }
}
