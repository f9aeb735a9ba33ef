package dev.gatehouse.core;

import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.authn.Authenticator;
import dev.gatehouse.core.authn.BasicCredentialCache;
import dev.gatehouse.core.authn.TokenAuthority;
import dev.gatehouse.core.keys.KeyRotator;
import dev.gatehouse.core.keys.KeySource;
import dev.gatehouse.core.keys.TokenKeys;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.ratelimit.LoginThrottle;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.spi.StoreBackend;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.core.user.UserService;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Gatehouse library, assembled: users, sessions, account rules, the authenticator and, when
 * enabled, access and refresh tokens, all over one {@link StoreBackend}. Build it with
 * {@link #builder(StoreBackend)}; every service it hands out is thread-safe and meant to be shared.
 *
 * <pre>{@code
 * try (StoreBackend stores = InMemoryBackend.create()) {
 *     Gatehouse gatehouse = Gatehouse.builder(stores).build();
 *     gatehouse.users().register(...);
 * }
 * }</pre>
 */
public final class Gatehouse {
    private final Clock clock;
    private final Set<AuthMethod> authMethods;
    private final UserService users;
    private final SessionService sessions;
    private final AccountService accounts;
    private final Authenticator authenticator;
    private final Optional<TokenKeys> tokenKeys;
    private final Optional<TokenAuthority> tokens;
    private final LoginThrottle loginThrottle;

    private Gatehouse(Builder builder, StoreBackend stores, PasswordHasher hasher, Optional<TokenKeys> tokenKeys) {
        this.clock = builder.clock;
        this.authMethods = Set.copyOf(builder.authMethods);
        this.users = new UserService(stores.users(), hasher, clock);
        this.sessions = new SessionService(stores.sessions(), stores.sessionClients(), builder.sessionPolicy, clock);
        this.tokenKeys = tokenKeys;
        this.tokens = tokenKeys.map(keys -> TokenAuthority.create(builder.accessTokens, builder.refreshTtl, keys, stores.refreshTokens(),
                stores.revocations(), stores.clients(), users, sessions, clock));
        // A password change, a deletion or a demotion ends the user's tokens too, whoever makes it.
        this.accounts = tokens.map(t -> new AccountService(users, sessions, t::endAllForUser))
                .orElseGet(() -> new AccountService(users, sessions));
        this.authenticator = new Authenticator(users, sessions, authMethods, tokens.map(TokenAuthority::bearer),
                authMethods.contains(AuthMethod.BASIC) ? Optional.of(BasicCredentialCache.of(users, clock)) : Optional.empty());
        this.loginThrottle = new LoginThrottle(stores.rateLimits(), builder.loginLimits, clock);
    }

    /**
     * Starts assembling the library over {@code stores}, with the secure defaults each setter names.
     *
     * @param stores where users, sessions, tokens, keys and counters are kept; closing it is the caller's business
     * @return a builder holding the defaults, ready for {@link Builder#build()}
     */
    public static Builder builder(StoreBackend stores) {
        return new Builder(stores);
    }

    /**
     * Registration, password checks and changes, roles.
     *
     * @return the user service, shared by every caller
     */
    public UserService users() {
        return users;
    }

    /**
     * Starting, checking and ending sessions.
     *
     * @return the session service, under the builder's {@link SessionPolicy}
     */
    public SessionService sessions() {
        return sessions;
    }

    /**
     * Account changes that also end sign-ins: password changes, deletions, demotions. Prefer it to {@link #users()} for those.
     *
     * @return the account service, which also ends the user's tokens when tokens are on
     */
    public AccountService accounts() {
        return accounts;
    }

    /**
     * Who is calling, from a Basic credential, a session id or a bearer token, as far as {@link #authMethods()} allow.
     *
     * @return the authenticator for the enabled methods
     */
    public Authenticator authenticator() {
        return authenticator;
    }

    /**
     * Access and refresh tokens, present when {@link AuthMethod#BEARER} is enabled.
     *
     * @return the token authority, or empty when bearer tokens are off
     */
    public Optional<TokenAuthority> tokens() {
        return tokens;
    }

    /**
     * The rotator of generated signing keys, present when tokens are on and their keys are
     * generated. Call its {@code rotateIfDue} on a schedule (a minute is plenty): rotation happens
     * only when it is called.
     *
     * @return the rotator, or empty when tokens are off or signed with configured keys (PEM files, a shared secret)
     */
    public Optional<KeyRotator> keyRotator() {
        return tokenKeys.flatMap(TokenKeys::rotator);
    }

    /**
     * The signing keys behind {@link #tokens()}, for the JWKS they publish.
     *
     * @return the signing keys, or empty when tokens are off
     */
    public Optional<TokenKeys> tokenKeys() {
        return tokenKeys;
    }

    /**
     * Counts failed sign-ins and registrations per account and address, and says when to refuse.
     *
     * @return the throttle, counting in {@link StoreBackend#rateLimits()}
     */
    public LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    /**
     * The credentials {@link #authenticator()} accepts.
     *
     * @return the enabled methods, never empty; unmodifiable
     */
    public Set<AuthMethod> authMethods() {
        return authMethods;
    }

    /**
     * The clock every expiry, lifetime and throttle window is measured by.
     *
     * @return the clock given to {@link Builder#clock(Clock)}, or the system's UTC clock
     */
    public Clock clock() {
        return clock;
    }

    /** Assembles a {@link Gatehouse}; each setter refuses a bad argument at once, naming it. */
    public static final class Builder {
        /** Sessions end after this long whatever happens, so a stolen one cannot be kept alive forever. */
        public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(12);
        /** And after this long unused, so one left open on a shared computer ends soon. */
        public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);

        private final StoreBackend stores;
        private Clock clock = Clock.systemUTC();
        private Optional<PasswordHasher> hasher = Optional.empty();
        private SessionPolicy sessionPolicy = new SessionPolicy(DEFAULT_SESSION_LIFETIME, DEFAULT_SESSION_IDLE_TIMEOUT);
        private Set<AuthMethod> authMethods = EnumSet.of(AuthMethod.SESSION);
        private Optional<KeySource> keySource = Optional.empty();
        private Optional<TokenKeys> openedKeys = Optional.empty();
        private AccessTokenSettings accessTokens;
        private Duration refreshTtl;
        private LoginThrottle.Limits loginLimits = LoginThrottle.Limits.DEFAULT;

        private Builder(StoreBackend stores) {
            this.stores = Objects.requireNonNull(stores, "stores");
        }

        /**
         * The time every expiry is measured by; the system's UTC clock by default.
         *
         * @param clock the clock to read; a fixed or mutable one makes expiry testable without waiting
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How passwords are hashed. By default Argon2id at OWASP's parameters, as many at once as
         * there are processors, so that a flood of sign-ins queues rather than exhausting memory.
         *
         * @param hasher the hasher to use for every password check and change
         * @return this builder
         */
        public Builder passwordHasher(PasswordHasher hasher) {
            this.hasher = Optional.of(Objects.requireNonNull(hasher, "hasher"));
            return this;
        }

        /**
         * How long sessions live. By default 12 hours at most ({@link #DEFAULT_SESSION_LIFETIME}) and
         * 30 minutes unused ({@link #DEFAULT_SESSION_IDLE_TIMEOUT}); {@link SessionPolicy#unlimited()} turns both off.
         *
         * @param policy the absolute and idle lifetimes of new sessions
         * @return this builder
         */
        public Builder sessionPolicy(SessionPolicy policy) {
            this.sessionPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The credentials accepted. Sessions only by default: Basic sends the password with every
         * request, so it is for clients that cannot keep a session, and must be asked for;
         * {@link AuthMethod#BEARER} needs {@link #tokens}.
         *
         * @param first a method to accept
         * @param more further methods to accept
         * @return this builder
         * @throws NullPointerException when a method is null
         */
        public Builder authMethods(AuthMethod first, AuthMethod... more) {
            Set<AuthMethod> methods = EnumSet.of(Objects.requireNonNull(first, "first"), more);
            this.authMethods = methods;
            return this;
        }

        /**
         * Like {@link #authMethods(AuthMethod, AuthMethod...)}, from a set.
         *
         * @param methods the methods to accept; copied
         * @return this builder
         * @throws IllegalArgumentException when {@code methods} is empty, which would let nobody sign in
         */
        public Builder authMethods(Set<AuthMethod> methods) {
            if (Objects.requireNonNull(methods, "methods").isEmpty()) {
                throw new IllegalArgumentException("authMethods: at least one method, or nobody can sign in");
            }
            this.authMethods = EnumSet.copyOf(methods);
            return this;
        }

        /**
         * Issues access and refresh tokens signed with the keys {@code source} names (generated keys are
         * kept in {@link StoreBackend#keys()} and rotated by {@link Gatehouse#keyRotator()}).
         *
         * @param source where the signing keys come from: PEM files, a shared secret, or generated keys
         * @param accessTokens the issuer, audience and lifetime of access tokens; only that audience is accepted
         * @param refreshTtl how long an unused refresh token lives
         * @return this builder
         * @throws IllegalArgumentException when {@code refreshTtl} is zero or negative
         */
        public Builder tokens(KeySource source, AccessTokenSettings accessTokens, Duration refreshTtl) {
            this.keySource = Optional.of(Objects.requireNonNull(source, "source"));
            this.openedKeys = Optional.empty();
            return tokenSettings(accessTokens, refreshTtl);
        }

        /**
         * Like {@link #tokens(KeySource, AccessTokenSettings, Duration)}, with keys already opened over this backend's key store.
         *
         * @param keys the opened signing keys, such as {@link TokenKeys#open} returns
         * @param accessTokens the issuer, audience and lifetime of access tokens; only that audience is accepted
         * @param refreshTtl how long an unused refresh token lives
         * @return this builder
         * @throws IllegalArgumentException when {@code refreshTtl} is zero or negative
         */
        public Builder tokens(TokenKeys keys, AccessTokenSettings accessTokens, Duration refreshTtl) {
            this.openedKeys = Optional.of(Objects.requireNonNull(keys, "keys"));
            this.keySource = Optional.empty();
            return tokenSettings(accessTokens, refreshTtl);
        }

        private Builder tokenSettings(AccessTokenSettings accessTokens, Duration refreshTtl) {
            this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
            Objects.requireNonNull(refreshTtl, "refreshTtl");
            if (refreshTtl.isNegative() || refreshTtl.isZero()) {
                throw new IllegalArgumentException("refreshTtl must be positive, not " + refreshTtl);
            }
            this.refreshTtl = refreshTtl;
            return this;
        }

        /**
         * How many failed sign-ins are tolerated per account and address before attempts are refused
         * or spaced out, so that passwords cannot be guessed at the rate the server answers.
         * {@link LoginThrottle.Limits#DEFAULT} by default.
         *
         * @param limits the failures tolerated per account, per address and per both, and the window they are counted in
         * @return this builder
         */
        public Builder loginLimits(LoginThrottle.Limits limits) {
            this.loginLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Assembles the library. With generated keys this opens the key ring, reading it from the
         * key store or saving a new one there, so the store must answer.
         *
         * @return the library, its services ready to share
         * @throws IllegalStateException when {@link AuthMethod#BEARER} is enabled without {@link #tokens},
         *         or tokens are configured without it
         */
        public Gatehouse build() {
            boolean bearer = authMethods.contains(AuthMethod.BEARER);
            boolean tokensGiven = keySource.isPresent() || openedKeys.isPresent();
            if (bearer && !tokensGiven) {
                throw new IllegalStateException("AuthMethod.BEARER needs tokens(...): the keys and settings access tokens are issued with");
            }
            if (tokensGiven && !bearer) {
                throw new IllegalStateException("tokens(...) was given but AuthMethod.BEARER is not enabled: add it to authMethods");
            }
            Optional<TokenKeys> keys = openedKeys.isPresent() ? openedKeys
                    : keySource.map(source -> TokenKeys.open(source, accessTokens.ttl(), stores.keys(), clock));
            PasswordHasher passwords = hasher.orElseGet(() -> PasswordHasher.withDefaults(Runtime.getRuntime().availableProcessors()));
            return new Gatehouse(this, stores, passwords, keys);
        }
    }
}
