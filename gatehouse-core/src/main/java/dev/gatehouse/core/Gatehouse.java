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
        this.sessions = new SessionService(stores.sessions(), builder.sessionPolicy, clock);
        this.tokenKeys = tokenKeys;
        this.tokens = tokenKeys.map(keys -> TokenAuthority.create(builder.accessTokens, builder.refreshTtl, keys, stores.refreshTokens(),
                stores.revocations(), users, sessions, clock));
        // A password change, a deletion or a demotion ends the user's tokens too, whoever makes it.
        this.accounts = tokens.map(t -> new AccountService(users, sessions, t.refreshTokens()))
                .orElseGet(() -> new AccountService(users, sessions));
        this.authenticator = new Authenticator(users, sessions, authMethods, tokens.map(TokenAuthority::bearer),
                authMethods.contains(AuthMethod.BASIC) ? Optional.of(BasicCredentialCache.of(users, clock)) : Optional.empty());
        this.loginThrottle = new LoginThrottle(stores.rateLimits(), builder.loginLimits, clock);
    }

    /** Starts assembling the library over {@code stores}, with the secure defaults each setter names. */
    public static Builder builder(StoreBackend stores) {
        return new Builder(stores);
    }

    /** Registration, password checks and changes, roles. */
    public UserService users() {
        return users;
    }

    /** Starting, checking and ending sessions. */
    public SessionService sessions() {
        return sessions;
    }

    /** Account changes that also end sign-ins: password changes, deletions, demotions. Prefer it to {@link #users()} for those. */
    public AccountService accounts() {
        return accounts;
    }

    /** Who is calling, from a Basic credential, a session id or a bearer token, as far as {@link #authMethods()} allow. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** Access and refresh tokens, present when {@link AuthMethod#BEARER} is enabled. */
    public Optional<TokenAuthority> tokens() {
        return tokens;
    }

    /**
     * The rotator of generated signing keys, present when tokens are on and their keys are
     * generated. Call its {@code rotateIfDue} on a schedule (a minute is plenty): rotation happens
     * only when it is called.
     */
    public Optional<KeyRotator> keyRotator() {
        return tokenKeys.flatMap(TokenKeys::rotator);
    }

    /** The signing keys behind {@link #tokens()}, for the JWKS they publish. */
    public Optional<TokenKeys> tokenKeys() {
        return tokenKeys;
    }

    /** Counts failed sign-ins and registrations per account and address, and says when to refuse. */
    public LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    /** The credentials {@link #authenticator()} accepts. */
    public Set<AuthMethod> authMethods() {
        return authMethods;
    }

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

        /** The time every expiry is measured by; the system's UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How passwords are hashed. By default Argon2id at OWASP's parameters, as many at once as
         * there are processors, so that a flood of sign-ins queues rather than exhausting memory.
         */
        public Builder passwordHasher(PasswordHasher hasher) {
            this.hasher = Optional.of(Objects.requireNonNull(hasher, "hasher"));
            return this;
        }

        /**
         * How long sessions live. By default 12 hours at most ({@link #DEFAULT_SESSION_LIFETIME}) and
         * 30 minutes unused ({@link #DEFAULT_SESSION_IDLE_TIMEOUT}); {@link SessionPolicy#unlimited()} turns both off.
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
         * @throws IllegalArgumentException when none is given
         */
        public Builder authMethods(AuthMethod first, AuthMethod... more) {
            Set<AuthMethod> methods = EnumSet.of(Objects.requireNonNull(first, "first"), more);
            this.authMethods = methods;
            return this;
        }

        /** Like {@link #authMethods(AuthMethod, AuthMethod...)}, from a set. */
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
         * @param accessTokens the issuer, audience and lifetime of access tokens; only that audience is accepted
         * @param refreshTtl how long an unused refresh token lives
         */
        public Builder tokens(KeySource source, AccessTokenSettings accessTokens, Duration refreshTtl) {
            this.keySource = Optional.of(Objects.requireNonNull(source, "source"));
            this.openedKeys = Optional.empty();
            return tokenSettings(accessTokens, refreshTtl);
        }

        /** Like {@link #tokens(KeySource, AccessTokenSettings, Duration)}, with keys already opened over this backend's key store. */
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
         */
        public Builder loginLimits(LoginThrottle.Limits limits) {
            this.loginLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
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
