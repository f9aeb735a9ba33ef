package dev.gatehouse.middleware;

import dev.gatehouse.core.access.AccessDecision;
import dev.gatehouse.core.access.AccessEngine;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.access.NormalisedPath;
import dev.gatehouse.core.access.PathNormaliser;
import dev.gatehouse.core.keys.VerificationKeys;
import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.core.token.AccessTokenCheck;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.core.token.AccessTokenVerifier;
import dev.gatehouse.core.user.User;
import dev.gatehouse.rules.RulesReloader;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The logic the Javalin plugin and the Servlet filter share: read the token and verify it locally
 * against the server's keys, or read the session cookie and ask the server about it (when
 * {@link Builder#sessions sessions} are enabled); identify the caller; apply the access rules.
 * Thread-safe.
 *
 * <p>A token that does not verify counts as none, so public paths stay open to a caller with a
 * stale token; on a protected path the answer is 401 with {@code error="invalid_token"}.
 */
public final class GatehouseGuard {
    /** The request attribute the identity is put in. */
    public static final String IDENTITY_ATTRIBUTE = "gatehouse.identity";
    /** The server's default {@code SESSION_NAME}. */
    public static final String DEFAULT_SESSION_COOKIE = "gatehouse_session";
    /** How often a rules file is looked at for changes, as the server does. */
    public static final Duration RULES_FILE_INTERVAL = Duration.ofSeconds(2);

    private final AccessTokenVerifier verifier;
    private final Supplier<AccessRules> rules;
    private final TokenGetter tokenGetter;
    private final Identifier identifier;
    private final Optional<String> loginUrl;
    private final Optional<SessionIntrospection> sessions;
    private final TokenGetter sessionGetter;
    private final boolean formMethodOverrides;

    private GatehouseGuard(Builder b) {
        this.verifier = new AccessTokenVerifier(new AccessTokenSettings(b.issuer, b.audience, b.ttl), b.keys.apply(b.clock), b.clock);
        this.rules = b.rules.orElseGet(() -> rulesSupplier(b));
        this.tokenGetter = b.tokenGetter;
        this.identifier = b.identifier;
        this.loginUrl = b.loginUrl;
        this.sessions = b.sessions;
        this.sessionGetter = b.sessionGetter;
        this.formMethodOverrides = b.formMethodOverrides;
    }

    /**
     * A builder of a guard that verifies access tokens against {@code keys}.
     *
     * @param issuer the server's {@code GATEHOUSE_ISSUER}, required exactly in {@code iss}
     * @param keys   where the verifying keys come from, usually {@link JwksKeys}
     * @return a builder with the defaults described on each of its methods
     * @throws NullPointerException when either is null
     */
    public static Builder builder(String issuer, VerificationKeys keys) {
        Objects.requireNonNull(keys, "keys");
        return new Builder(issuer, clock -> keys);
    }

    /**
     * A builder of a guard fetching keys from {@code jwks} with {@link JwksKeys}' defaults.
     *
     * @param issuer the server's {@code GATEHOUSE_ISSUER}, required exactly in {@code iss}
     * @param jwks   the server's JWKS, e.g. {@code https://auth.example.com/.well-known/jwks.json}
     * @return a builder with the defaults described on each of its methods
     * @throws IllegalArgumentException when {@code jwks} is not an http or https address
     */
    public static Builder builder(String issuer, URI jwks) {
        // Checked now, so that a bad address fails here; the keys are made at build() on the builder's clock.
        JwksKeys.requireHttp(jwks);
        return new Builder(issuer, clock -> new JwksKeys(jwks, clock));
    }

    /**
     * Decides on a request whose framework routes the raw path, with no context path.
     *
     * @param request the request's headers, cookies and parameters
     * @param method the method as received
     * @param host the {@code Host} header, or {@code null} when there is none
     * @param path the raw path as received (percent-encoded), with the query if any
     * @return what to do with the request
     * @throws dev.gatehouse.core.token.TokenProcessingException when verifying failed on our side (answer 500)
     */
    public GuardOutcome check(RequestView request, String method, String host, String path) {
        return check(request, GuardedRequest.of(method, host == null ? "" : host, path));
    }

    /**
     * Decides on a request. The path is read first: one that frameworks could read in two ways
     * (dot segments in any encoding, {@code ;}, encoded separators, {@code //}), or that the
     * framework reads as another path than the guard ({@link GuardedRequest#routedPath()}), is
     * refused with {@link GuardOutcome.BadRequest} before any credential is looked at. Then the
     * request is judged under every method it may be run as (the method sent, and any method
     * override it carries, see {@link MethodOverrides}); it proceeds only when every one is allowed.
     *
     * @param request the request's headers, cookies and parameters
     * @param target the method, host and path as the app's framework routes them
     * @return what to do with the request
     * @throws dev.gatehouse.core.token.TokenProcessingException when verifying failed on our side (answer 500)
     */
    public GuardOutcome check(RequestView request, GuardedRequest target) {
        // Read once: every method the request may run as is judged on this reading.
        NormalisedPath.Ok path;
        switch (PathNormaliser.normalise(target.path())) {
            case NormalisedPath.Invalid invalid -> {
                return new GuardOutcome.BadRequest(ProblemCode.BAD_PATH, "the path cannot be read unambiguously: " + invalid.reason());
            }
            case NormalisedPath.Ok ok -> path = ok;
        }
        if (target.routedPath().filter(routed -> !withoutTrailingSlash(routed).equals(path.asWritten())).isPresent()) {
            return new GuardOutcome.BadRequest(ProblemCode.BAD_PATH, "the app reads the path as another one than the guard");
        }
        Set<String> methods;
        try {
            methods = new LinkedHashSet<>(List.of(target.method().toUpperCase(Locale.ROOT)));
            methods.addAll(MethodOverrides.requested(request, target.method(), formMethodOverrides));
        } catch (MethodOverrides.NotAMethod notAMethod) {
            return new GuardOutcome.BadRequest(ProblemCode.BAD_METHOD_OVERRIDE, notAMethod.getMessage());
        }
        if (tokenGetter.ambiguous(request)) {
            // Two Authorization headers: the app or a proxy may read the other one. Refused, as at the server.
            return new GuardOutcome.Unauthorized(true);
        }
        if (sessions.isPresent() && sessionGetter.ambiguous(request)) {
            return new GuardOutcome.Unauthorized(false);
        }
        Credentials credentials = credentials(request);
        boolean browser = Answers.browser(request.header("Accept"));
        Optional<User> user = credentials.identity().map(identified -> toUser(identified.caller()));
        AccessRules current = rules.get();
        AccessDecision decision = null;
        for (String method : methods) {
            AccessDecision asMethod = AccessEngine.decide(current, method, target.host(), path, user);
            if (decision == null || refuses(asMethod)) {
                decision = asMethod;
            }
            if (refuses(decision)) {
                break;
            }
        }
        return outcome(decision, credentials, browser, target.pageAsked());
    }

    private static boolean refuses(AccessDecision decision) {
        return !(decision instanceof AccessDecision.Allow) && !(decision instanceof AccessDecision.SendSignedIn);
    }

    private static String withoutTrailingSlash(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.isEmpty() ? "/" : trimmed;
    }

    private GuardOutcome outcome(AccessDecision decision, Credentials credentials, boolean browser, String pageAsked) {
        GuardOutcome outcome = switch (decision) {
            case AccessDecision.Allow allow -> new GuardOutcome.Proceed(credentials.identity().map(Identified::identity));
            case AccessDecision.SendSignedIn send -> browser ? new GuardOutcome.Redirect(send.page())
                    : new GuardOutcome.Proceed(credentials.identity().map(Identified::identity));
            case AccessDecision.SignInRequired signIn -> {
                Optional<String> page = signIn.page().or(() -> loginUrl.map(login -> withReturnTo(login, pageAsked)));
                yield browser && page.isPresent() ? new GuardOutcome.Redirect(page.get()) : new GuardOutcome.Unauthorized(credentials.invalidToken());
            }
            case AccessDecision.Forbidden forbidden -> new GuardOutcome.Forbidden(credentials.identity().map(Identified::identity));
            case AccessDecision.BadPath bad -> new GuardOutcome.BadRequest(ProblemCode.BAD_PATH, "the path cannot be read unambiguously: " + bad.reason());
        };
        // A cookie that could not be checked signs nobody in: public paths open as to a stranger,
        // anything that needed a sign-in is answered 503, not a 401 that would send a signed-in user to log in again.
        if (credentials.unavailable() && !(outcome instanceof GuardOutcome.Proceed) && !(decision instanceof AccessDecision.BadPath)) {
            return new GuardOutcome.Unavailable();
        }
        return outcome;
    }

    /** A caller with the identity the identifier gave them. */
    private record Identified(VerifiedCaller caller, Identity identity) {
    }

    /**
     * What the request's credentials came to.
     *
     * @param invalidToken a bearer token was sent and refused (RFC 6750's {@code invalid_token})
     * @param unavailable  a session cookie was sent and the server could not be asked about it
     */
    private record Credentials(Optional<Identified> identity, boolean invalidToken, boolean unavailable) {
        static Credentials none() {
            return new Credentials(Optional.empty(), false, false);
        }
    }

    /** A bearer token wins over the session cookie, as at the server: a client that sends one means it. */
    private Credentials credentials(RequestView request) {
        Optional<String> token = tokenGetter.token(request);
        if (token.isPresent()) {
            return switch (verifier.verify(token.get())) {
                case AccessTokenCheck.Valid valid -> VerifiedCaller.of(valid.claims()).flatMap(this::identified)
                        .map(identified -> new Credentials(Optional.of(identified), false, false))
                        .orElseGet(() -> new Credentials(Optional.empty(), true, false));
                case AccessTokenCheck.Invalid refused -> new Credentials(Optional.empty(), true, false);
            };
        }
        Optional<String> cookie = sessions.isPresent() ? sessionGetter.token(request) : Optional.empty();
        if (cookie.isEmpty()) {
            return Credentials.none();
        }
        return switch (sessions.get().check(cookie.get())) {
            case SessionCheck.Live live -> new Credentials(identified(live.caller()), false, false);
            case SessionCheck.NotLive notLive -> Credentials.none();
            case SessionCheck.Unavailable unavailable -> new Credentials(Optional.empty(), false, true);
        };
    }

    private Optional<Identified> identified(VerifiedCaller caller) {
        return identifier.identify(caller).map(identity -> new Identified(caller, identity));
    }

    /** The rules engine judges users; a verified caller holds enough of one for it (id, names, role). */
    private static User toUser(VerifiedCaller caller) {
        Optional<String> username = caller.username().or(() -> Optional.of(caller.subject().toString()));
        Instant unknown = Instant.EPOCH;
        return new User(caller.subject(), caller.email(), username, Optional.empty(), Optional.empty(), Optional.empty(),
                caller.role(), "n/a", unknown, unknown);
    }

    private static Supplier<AccessRules> rulesSupplier(Builder b) {
        if (b.rulesFile.isEmpty()) {
            AccessRules fixed = AccessRules.authenticatedByDefault();
            return () -> fixed;
        }
        return new ReloadingRules(RulesReloader.open(b.rulesFile.get()), b.clock, RULES_FILE_INTERVAL);
    }

    private static String withReturnTo(String login, String path) {
        return login + (login.contains("?") ? "&" : "?") + "return_to=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    /**
     * Configures a {@link GatehouseGuard}. Every setting but the issuer and the keys has a default,
     * and the defaults are the strict ones: every path needs a signed-in caller, and only access
     * tokens sign callers in. Not thread-safe; the guard it builds is.
     */
    public static final class Builder {
        private final String issuer;
        /** The keys, made on the builder's clock once it is known: at build(). */
        private final Function<Clock, VerificationKeys> keys;
        private String audience = "gatehouse";
        private Duration ttl = AccessTokenSettings.DEFAULT_TTL;
        private Clock clock = Clock.systemUTC();
        private Optional<Supplier<AccessRules>> rules = Optional.empty();
        private Optional<Path> rulesFile = Optional.empty();
        private TokenGetter tokenGetter = TokenGetter.bearer();
        private Identifier identifier = Identifier.standard();
        private Optional<String> loginUrl = Optional.empty();
        private Optional<SessionIntrospection> sessions = Optional.empty();
        private TokenGetter sessionGetter = TokenGetter.cookie(DEFAULT_SESSION_COOKIE);
        private boolean formMethodOverrides = true;

        private Builder(String issuer, Function<Clock, VerificationKeys> keys) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        /**
         * The server's {@code GATEHOUSE_AUDIENCE}; default {@code gatehouse}.
         *
         * @param audience the {@code aud} required exactly
         * @return this builder
         */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /**
         * The server's {@code JWT_TTL}; used only to check the settings, tokens carry their own exp.
         *
         * @param ttl the access token lifetime; whole seconds, at least one
         * @return this builder
         */
        public Builder ttl(Duration ttl) {
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /**
         * The clock exp, nbf and iat are judged by, a rules file's interval is counted by and, for
         * a guard built from a JWKS address, the key cache's refetches are timed by; default the
         * system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Fixed access rules; default: every path needs a signed-in caller. Replaces a
         * {@linkplain #rulesFile rules file} set before.
         *
         * @param rules the rules
         * @return this builder
         */
        public Builder rules(AccessRules rules) {
            Objects.requireNonNull(rules, "rules");
            return rules(() -> rules);
        }

        /**
         * Access rules read at every request, for an app that changes them itself; never null.
         * Replaces a {@linkplain #rulesFile rules file} set before.
         *
         * @param rules gives the rules in force; asked once per request
         * @return this builder
         */
        public Builder rules(Supplier<AccessRules> rules) {
            this.rules = Optional.of(Objects.requireNonNull(rules, "rules"));
            this.rulesFile = Optional.empty();
            return this;
        }

        /**
         * The server's rules file format (YAML, see docs/RULES.md), read at {@link #build()} and
         * looked at again every {@link #RULES_FILE_INTERVAL}: a good edit takes effect, a bad one
         * is logged and the rules in force stay. Replaces {@linkplain #rules(AccessRules) rules}
         * set before.
         *
         * @param file the rules file
         * @return this builder
         * @throws dev.gatehouse.rules.RulesFileException from {@link #build()} when the file is bad at start
         */
        public Builder rulesFile(Path file) {
            this.rulesFile = Optional.of(Objects.requireNonNull(file, "file"));
            this.rules = Optional.empty();
            return this;
        }

        /**
         * Where the access token is read from; default {@link TokenGetter#bearer()}.
         *
         * @param tokenGetter the token getter
         * @return this builder
         */
        public Builder tokenGetter(TokenGetter tokenGetter) {
            this.tokenGetter = Objects.requireNonNull(tokenGetter, "tokenGetter");
            return this;
        }

        /**
         * What identity a verified caller gets, if any; default {@link Identifier#standard()}.
         *
         * @param identifier the identifier
         * @return this builder
         */
        public Builder identifier(Identifier identifier) {
            this.identifier = Objects.requireNonNull(identifier, "identifier");
            return this;
        }

        /**
         * Where a signed-out browser is sent when the rule names no page, with {@code return_to};
         * without one, browsers get 401 like API calls.
         *
         * @param loginUrl the login page, for example {@code https://auth.example.com/login}
         * @return this builder
         */
        public Builder loginUrl(String loginUrl) {
            this.loginUrl = Optional.of(loginUrl);
            return this;
        }

        /**
         * Accept Gatehouse session cookies too, checked through the server's introspection
         * (briefly cached). Without this only access tokens sign callers in.
         *
         * @param sessions asks the server about session cookies
         * @return this builder
         */
        public Builder sessions(SessionIntrospection sessions) {
            this.sessions = Optional.of(sessions);
            return this;
        }

        /**
         * The session cookie's name: the server's {@code SESSION_NAME}; default {@value #DEFAULT_SESSION_COOKIE}.
         * Read only when {@linkplain #sessions sessions} are enabled.
         *
         * @param name the cookie's name
         * @return this builder
         */
        public Builder sessionCookie(String name) {
            this.sessionGetter = TokenGetter.cookie(name);
            return this;
        }

        /**
         * Whether the body of a form POST is read for a {@code _method} override; default
         * {@code true}. A method-override filter that runs after the guard (Spring's
         * {@code HiddenHttpMethodFilter}) runs {@code POST _method=DELETE} as a {@code DELETE}, so
         * the guard judges the request as that method too. The Servlet filter reads the form with
         * {@code getParameter}, as Spring's filter does, after which the body cannot be read again
         * as a stream. Turn this off only for an app that must read form bodies raw (a webhook
         * whose signature covers the body) and has no method-override filter after the guard;
         * {@code _method} in the query and the override headers are judged either way.
         *
         * @param read whether to read {@code _method} from a form body
         * @return this builder
         */
        public Builder formMethodOverrides(boolean read) {
            this.formMethodOverrides = read;
            return this;
        }

        /**
         * The guard, with a {@linkplain #rulesFile rules file} read now.
         *
         * @return a guard, thread-safe
         * @throws IllegalArgumentException when the issuer or audience is blank, or the ttl not whole seconds
         * @throws dev.gatehouse.rules.RulesFileException when the rules file cannot be read or is bad:
         *         an app must not start on rules it cannot apply
         */
        public GatehouseGuard build() {
            return new GatehouseGuard(this);
        }
    }
}
