package dev.gatehouse.server.config;

import dev.gatehouse.oidc.DynamicRegistration;
import dev.gatehouse.core.access.ReturnUrls;
import dev.gatehouse.core.access.TrustedProxies;
import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.keys.MasterKey;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.password.PasswordPolicy;
import dev.gatehouse.core.ratelimit.LoginThrottle;
import dev.gatehouse.core.secrets.Secret;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.http.ForwardAuthProxy;
import dev.gatehouse.http.ForwardAuthSettings;
import dev.gatehouse.http.PublicUrl;
import dev.gatehouse.http.RegistrationMode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a {@link GatehouseConfig} from environment variables and command-line flags (a flag
 * wins over the environment). Every problem is collected, so one failed start names them all.
 */
public final class ConfigLoader {
    // RFC 6265 cookie-name = token: no separators, controls or spaces.
    private static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,64}");

    private static final Duration MAX_DURATION = Duration.ofDays(36500);
    private static final int TOKEN_SERVICE_SECRET_BYTES = 64;
    private static final int INTROSPECTION_SECRET_BYTES = 32;

    private final Map<String, String> environment;
    private final Map<Setting, String> flags;
    private final List<String> problems = new ArrayList<>();

    private ConfigLoader(Map<String, String> environment, Map<Setting, String> flags) {
        this.environment = environment;
        this.flags = flags;
    }

    /**
     * @param environment usually {@code System.getenv()}
     * @param flags values given on the command line
     * @throws ConfigException naming every invalid setting
     */
    public static GatehouseConfig load(Map<String, String> environment, Map<Setting, String> flags) {
        return new ConfigLoader(environment, flags).build();
    }

    private GatehouseConfig build() {
        String host = text(Setting.HOST).orElseThrow();
        int port = number(Setting.PORT, 0, 65535);
        Set<AuthMethod> authMethods = authMethods();
        String cookieName = text(Setting.SESSION_NAME).orElseThrow();
        if (!COOKIE_NAME.matcher(cookieName).matches()) {
            problems.add(describe(Setting.SESSION_NAME) + " must be a cookie name (letters, digits and !#$%&'*+-.^_`|~, at most 64): '" + cookieName + "'");
        }
        Duration sessionDuration = duration(Setting.SESSION_DURATION);
        Duration idleTimeout = duration(Setting.SESSION_IDLE_TIMEOUT);
        boolean cookieSecure = bool(Setting.COOKIE_SECURE);
        StoreKind store = parsed(Setting.STORE, StoreKind::fromName, "one of sqlite, memory, postgres").orElse(StoreKind.SQLITE);
        String dbUrl = text(Setting.DB_URL).orElseThrow();
        if (store == StoreKind.SQLITE && !dbUrl.startsWith("jdbc:sqlite:")) {
            problems.add(describe(Setting.DB_URL) + " must be a jdbc:sqlite: URL when STORE=sqlite");
        }
        if (store == StoreKind.POSTGRES && !dbUrl.startsWith("jdbc:postgresql:")) {
            problems.add(describe(Setting.DB_URL) + " must be a jdbc:postgresql://host:port/database URL when STORE=postgres");
        }
        // The URL may hold a password: kept as a secret, and never quoted in a problem.
        Optional<Secret> redisUrl = text(Setting.REDIS_URL).map(Secret::new);
        redisUrl.filter(url -> !url.value().startsWith("redis://") && !url.value().startsWith("rediss://"))
                .ifPresent(url -> problems.add(describe(Setting.REDIS_URL) + " must be a redis:// or rediss:// URL"));
        if (redisUrl.isPresent() && store == StoreKind.MEMORY) {
            problems.add(describe(Setting.REDIS_URL) + " needs a durable store for users and keys: STORE=sqlite or postgres, not memory");
        }
        String redisKeyPrefix = text(Setting.REDIS_KEY_PREFIX).orElseThrow();
        if (!redisKeyPrefix.matches("[^\\s*?\\[\\]\\\\]{1,100}")) {
            problems.add(describe(Setting.REDIS_KEY_PREFIX) + " must be 1 to 100 characters without spaces nor * ? [ ] \\");
        }
        Duration cacheMaxStale = duration(Setting.CACHE_MAX_STALE);
        if (cacheMaxStale.compareTo(Duration.ofMinutes(5)) > 0) {
            problems.add(describe(Setting.CACHE_MAX_STALE) + " must be at most 5m: it bounds how long a change made outside Gatehouse goes unseen");
        }
        Optional<String> adminEmail = text(Setting.ADMIN_EMAIL);
        // Passwords are taken exactly as given: trimming would make the admin's real password differ from the setting.
        Optional<Secret> adminPassword = untrimmed(Setting.ADMIN_PASSWORD).map(Secret::new);
        if (adminEmail.isPresent() != adminPassword.isPresent()) {
            problems.add("GATEHOUSE_ADMIN_EMAIL and GATEHOUSE_ADMIN_PASSWORD must be set together");
        }
        // The admin is made with the same password rules as everyone else; refused here, start-up stops with the reason, not later with a trace.
        adminPassword.flatMap(password -> PasswordPolicy.violation(password.value()))
                .ifPresent(reason -> problems.add(describe(Setting.ADMIN_PASSWORD) + " is refused: " + reason));
        RegistrationMode registration = parsed(Setting.REGISTRATION, RegistrationMode::fromName, "one of open, admin, closed")
                .orElse(RegistrationMode.ADMIN);
        PublicUrl publicUrl = publicUrl(host, port);
        int maxBody = number(Setting.MAX_BODY_BYTES, 1024, 16 * 1024 * 1024);
        int hashConcurrency = text(Setting.HASH_CONCURRENCY).isPresent() ? number(Setting.HASH_CONCURRENCY, 1, 256)
                : Runtime.getRuntime().availableProcessors();
        // Out-of-range numbers are already problems; clamped so that building the limits cannot fail first.
        LoginThrottle.Limits loginLimits = loginLimits();
        Optional<Secret> tokenServiceSecret = untrimmed(Setting.TOKEN_SERVICE_SECRET).map(Secret::new);
        tokenServiceSecret.ifPresent(secret -> {
            int length = secret.value().getBytes(StandardCharsets.UTF_8).length;
            if (length < TOKEN_SERVICE_SECRET_BYTES) {
                // HS512's key must be as long as its hash (RFC 7518 section 3.2); a shorter one can be guessed offline.
                problems.add(describe(Setting.TOKEN_SERVICE_SECRET) + " must be at least " + TOKEN_SERVICE_SECRET_BYTES
                        + " bytes (HS512 needs a 512-bit key), not " + length + "; leave it unset to have one generated");
            }
        });
        Optional<Secret> introspectionSecret = untrimmed(Setting.INTROSPECTION_SECRET).map(Secret::new);
        introspectionSecret.ifPresent(secret -> {
            int length = secret.value().getBytes(StandardCharsets.UTF_8).length;
            if (length < INTROSPECTION_SECRET_BYTES) {
                // It lets its holder ask whose any session is: it must not be guessable.
                problems.add(describe(Setting.INTROSPECTION_SECRET) + " must be at least " + INTROSPECTION_SECRET_BYTES
                        + " bytes, not " + length + " (for example: openssl rand -base64 32)");
            }
        });
        TokenConfig tokens = tokens();
        Optional<DynamicRegistration.Access> clientRegistration = clientRegistration();
        ForwardAuthSettings gateway = forwardAuth();
        // Checked here so that a typo in the path fails the start with the other settings' problems;
        // the file's content is read (and its problems named) by the server, which owns the YAML parser.
        Optional<Path> rules = rulesFile();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new GatehouseConfig(host, port, authMethods, cookieName, sessionDuration, idleTimeout, cookieSecure,
                store, dbUrl, redisUrl, redisKeyPrefix, cacheMaxStale, adminEmail, adminPassword, registration, publicUrl, maxBody, hashConcurrency, loginLimits, tokenServiceSecret, introspectionSecret, tokens, gateway, rules,
                clientRegistration);
    }

    private Optional<DynamicRegistration.Access> clientRegistration() {
        Optional<String> mode = text(Setting.CLIENT_REGISTRATION);
        Optional<Secret> token = untrimmed(Setting.CLIENT_REGISTRATION_TOKEN).map(Secret::new);
        if (mode.isEmpty() || mode.get().equals("off")) {
            token.ifPresent(t -> problems.add(describe(Setting.CLIENT_REGISTRATION_TOKEN) + " is set but "
                    + describe(Setting.CLIENT_REGISTRATION) + " is not token"));
            return Optional.empty();
        }
        switch (mode.get()) {
            case "open" -> {
                token.ifPresent(t -> problems.add(describe(Setting.CLIENT_REGISTRATION_TOKEN) + " is set but "
                        + describe(Setting.CLIENT_REGISTRATION) + " is open: anyone could register; use token"));
                return Optional.of(new DynamicRegistration.Access.Open());
            }
            case "token" -> {
                if (token.isEmpty() || token.get().value().length() < 32) {
                    // The token is all that stands between a stranger and a registered client.
                    problems.add(describe(Setting.CLIENT_REGISTRATION_TOKEN) + " must be set to at least 32 characters with "
                            + describe(Setting.CLIENT_REGISTRATION) + "=token (for example: openssl rand -base64 32)");
                    return Optional.empty();
                }
                return Optional.of(new DynamicRegistration.Access.WithToken(token.get().value()));
            }
            default -> {
                problems.add(describe(Setting.CLIENT_REGISTRATION) + " must be one of off, token, open, not '" + mode.get() + "'");
                return Optional.empty();
            }
        }
    }

    private TokenConfig tokens() {
        // The table's default is the library's (AccessTokenSettings.DEFAULT_ALGORITHM says why); a bad value is a problem, not a fallback.
        SigningAlgorithm algorithm = parsed(Setting.JWT_ALGORITHM, SigningAlgorithm::fromName,
                "one of HS256, HS384, HS512, RS256, RS384, RS512, PS256, ES256, ES384, EdDSA").orElse(AccessTokenSettings.DEFAULT_ALGORITHM);
        Duration accessTtl = positiveDuration(Setting.JWT_TTL);
        Duration refreshTtl = positiveDuration(Setting.JWT_REFRESH_TTL);
        Duration rotateInterval = duration(Setting.JWT_ROTATE_INTERVAL);
        if (!rotateInterval.isZero() && rotateInterval.compareTo(Duration.ofMinutes(1)) < 0) {
            problems.add(describe(Setting.JWT_ROTATE_INTERVAL) + " must be 0 (off) or at least 1m: a faster rotation would outrun every JWKS cache");
        } else if (!rotateInterval.isZero() && rotateInterval.compareTo(accessTtl) <= 0) {
            problems.add(describe(Setting.JWT_ROTATE_INTERVAL) + " must be 0 (off) or longer than JWT_TTL, so that a key outlives the tokens it signs");
        }
        Optional<Path> privateKey = readableFile(Setting.JWT_PRIVATE_KEY_FILE);
        Optional<Path> publicKey = readableFile(Setting.JWT_PUBLIC_KEY_FILE);
        Optional<Secret> secret = untrimmed(Setting.JWT_SECRET).map(Secret::new);
        if (publicKey.isPresent() && privateKey.isEmpty()) {
            problems.add(describe(Setting.JWT_PUBLIC_KEY_FILE) + " needs JWT_PRIVATE_KEY_FILE: the server signs the tokens it issues");
        }
        if (privateKey.isPresent() && !algorithm.isAsymmetric()) {
            problems.add(describe(Setting.JWT_PRIVATE_KEY_FILE) + " needs an asymmetric JWT_ALGORITHM, not " + algorithm.jwsName()
                    + " (HMAC algorithms take JWT_SECRET)");
        }
        if (secret.isPresent() && algorithm.isAsymmetric()) {
            problems.add(describe(Setting.JWT_SECRET) + " is only for HS256, HS384 and HS512; JWT_ALGORITHM is " + algorithm.jwsName());
        }
        if (secret.isPresent() && privateKey.isPresent()) {
            problems.add("JWT_SECRET and JWT_PRIVATE_KEY_FILE cannot both be set");
        }
        Optional<Secret> masterKey = untrimmed(Setting.MASTER_KEY).map(Secret::new);
        masterKey.ifPresent(key -> {
            try {
                MasterKey.parse(key.value());
            } catch (IllegalArgumentException e) {
                problems.add(describe(Setting.MASTER_KEY) + ": " + e.getMessage());
            }
        });
        String audience = text(Setting.AUDIENCE).orElseThrow();
        if (text(Setting.ISSUER).filter(audience::equals).isPresent() || text(Setting.PUBLIC_URL).filter(audience::equals).isPresent()) {
            problems.add(describe(Setting.AUDIENCE) + " must differ from the issuer: third-party OpenID clients' tokens have the issuer as their audience");
        }
        return new TokenConfig(algorithm, accessTtl, refreshTtl, rotateInterval, privateKey, publicKey, secret,
                text(Setting.ISSUER), audience, masterKey);
    }

    private PublicUrl publicUrl(String host, int port) {
        Optional<String> raw = text(Setting.PUBLIC_URL);
        if (raw.isEmpty()) {
            return PublicUrl.listeningOn(host, port);
        }
        return PublicUrl.parse(raw.get()).orElseGet(() -> {
            // Not quoted: a refused URL may hold user info, a password among it.
            problems.add(describe(Setting.PUBLIC_URL) + " must be an http(s) origin such as https://auth.example.com: a host and "
                    + "an optional port, without path, query, fragment or user info");
            return PublicUrl.listeningOn(host, port);
        });
    }

    private ForwardAuthSettings forwardAuth() {
        String loginUrl = text(Setting.LOGIN_URL).orElseThrow();
        if (!loginUrl.startsWith("/") && !loginUrl.startsWith("https://") && !loginUrl.startsWith("http://")) {
            problems.add(describe(Setting.LOGIN_URL) + " must be a path (/login) or an http(s) URL");
        }
        String prefix = text(Setting.AUTH_HEADER_PREFIX).orElseThrow();
        if (!prefix.matches("[A-Za-z0-9-]{1,32}")) {
            problems.add(describe(Setting.AUTH_HEADER_PREFIX) + " must be letters, digits and '-' (a header name prefix such as X-Auth-)");
        }
        Set<String> hosts = text(Setting.ALLOWED_REDIRECT_HOSTS).map(h -> List.of(h.split(","))).orElse(List.of())
                .stream().map(String::trim).filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        TrustedProxies proxies = TrustedProxies.loopbackOnly();
        ReturnUrls returnUrls = ReturnUrls.of(Set.of());
        try {
            proxies = TrustedProxies.parse(text(Setting.TRUSTED_PROXIES).orElseThrow());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        try {
            returnUrls = ReturnUrls.of(hosts);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        ForwardAuthProxy proxy = parsed(Setting.FORWARD_AUTH_PROXY, ForwardAuthProxy::parse, "nginx, traefik or caddy")
                .orElse(ForwardAuthProxy.DEFAULT);
        return new ForwardAuthSettings(proxies, loginUrl, returnUrls, prefix, proxy);
    }

    private LoginThrottle.Limits loginLimits() {
        int perAccountAndAddress = Math.max(0, number(Setting.LOGIN_MAX_FAILURES, 0, 1_000_000));
        int perAccount = text(Setting.LOGIN_MAX_FAILURES_PER_ACCOUNT).isPresent()
                ? Math.max(0, number(Setting.LOGIN_MAX_FAILURES_PER_ACCOUNT, 0, 2_000_000))
                : LoginThrottle.Limits.defaultPerAccount(perAccountAndAddress);
        if (perAccount > 0 && perAccount <= perAccountAndAddress) {
            // Else one address alone would slow the owner down everywhere: the lock-out the limits are built to avoid.
            problems.add(describe(Setting.LOGIN_MAX_FAILURES_PER_ACCOUNT) + " must be 0 or more than " + describe(Setting.LOGIN_MAX_FAILURES)
                    + " (" + perAccountAndAddress + ")");
            perAccount = 0;
        }
        return new LoginThrottle.Limits(perAccountAndAddress,
                Math.max(0, number(Setting.LOGIN_MAX_FAILURES_PER_ADDRESS, 0, 1_000_000)),
                perAccount,
                Math.max(0, number(Setting.REGISTRATION_MAX_PER_ADDRESS, 0, 1_000_000)),
                loginWindow());
    }

    private Duration loginWindow() {
        Duration window = positiveDuration(Setting.LOGIN_FAILURE_WINDOW);
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
            problems.add(describe(Setting.LOGIN_FAILURE_WINDOW) + " must be between 1s and 1d");
            return LoginThrottle.Limits.DEFAULT.window();
        }
        return window;
    }

    private Duration positiveDuration(Setting setting) {
        Duration value = duration(setting);
        if (value.isZero()) {
            problems.add(describe(setting) + " must be longer than 0");
            // Any positive value: the start fails with the problem named, nothing runs with it.
            return Duration.ofSeconds(1);
        }
        return value;
    }

    private Optional<Path> readableFile(Setting setting) {
        Optional<Path> file = text(setting).map(Path::of);
        file.filter(f -> !Files.isReadable(f)).ifPresent(f -> problems.add(describe(setting) + " names a file that cannot be read: " + f));
        return file;
    }

    private Optional<Path> rulesFile() {
        Optional<Path> file = text(Setting.RULES).map(Path::of);
        file.filter(f -> !Files.isRegularFile(f) || !Files.isReadable(f))
                .ifPresent(f -> problems.add(describe(Setting.RULES) + " names a rules file that cannot be read: " + f));
        return file;
    }

    private Set<AuthMethod> authMethods() {
        Optional<String> raw = text(Setting.AUTH_TYPE);
        Set<AuthMethod> types = EnumSet.noneOf(AuthMethod.class);
        boolean unknownNamed = false;
        for (String name : raw.get().split(",")) {
            if (name.isBlank()) {
                continue;
            }
            Optional<AuthMethod> type = authMethodNamed(name);
            if (type.isPresent()) {
                types.add(type.get());
            } else {
                unknownNamed = true;
                problems.add(describe(Setting.AUTH_TYPE) + " has unknown method '" + name.trim()
                        + "' (use basic, session, jwt, or the compatibility names basic_auth, session_auth, session_exp_auth, session_db_auth)");
            }
        }
        // Only this setting's own problems excuse an empty list; another setting's must not hide it.
        if (types.isEmpty() && !unknownNamed) {
            problems.add(describe(Setting.AUTH_TYPE) + " names no method");
        }
        return types;
    }

    /**
     * One name from {@code AUTH_TYPE}: ours ({@code basic}, {@code session}, {@code jwt}) or
     * compatibility names ({@code basic_auth}, {@code session_auth}, {@code session_exp_auth},
     * {@code session_db_auth}, {@code jwt_auth}, {@code bearer}). The older expiring and database
     * variants are both plain sessions here: expiry comes from {@code SESSION_DURATION} and
     * persistence from {@code STORE}.
     */
    static Optional<AuthMethod> authMethodNamed(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "basic", "basic_auth" -> Optional.of(AuthMethod.BASIC);
            case "session", "session_auth", "session_exp_auth", "session_db_auth" -> Optional.of(AuthMethod.SESSION);
            case "jwt", "jwt_auth", "bearer" -> Optional.of(AuthMethod.BEARER);
            default -> Optional.empty();
        };
    }

    private Optional<String> text(Setting setting) {
        String flag = flags.get(setting);
        if (flag != null && !flag.isBlank()) {
            return Optional.of(flag.trim());
        }
        for (String name : setting.environmentNames()) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return setting.defaultValue();
    }

    private Optional<String> untrimmed(Setting setting) {
        return text(setting).flatMap(trimmed -> {
            String flag = flags.get(setting);
            if (flag != null && !flag.isBlank()) {
                return Optional.of(flag);
            }
            return setting.environmentNames().stream().map(environment::get).filter(v -> v != null && !v.isBlank()).findFirst();
        });
    }

    private <T> Optional<T> parsed(Setting setting, Function<String, Optional<T>> parser, String expected) {
        Optional<String> raw = text(setting);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<T> value = parser.apply(raw.get());
        if (value.isEmpty()) {
            problems.add(describe(setting) + " must be " + expected + ", not '" + raw.get() + "'");
        }
        return value;
    }

    private int number(Setting setting, int min, int max) {
        return parsed(setting, ConfigLoader::parseInt, "a whole number").map(n -> {
            if (n < min || n > max) {
                problems.add(describe(setting) + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        }).orElse(min);
    }

    private Duration duration(Setting setting) {
        Duration value = parsed(setting, Durations::parse, "seconds or a duration like 30d, 12h, 15m").orElse(Duration.ZERO);
        if (value.compareTo(MAX_DURATION) > 0) {
            // Beyond this, "now + lifetime" overflows Instant; nobody means a session longer than a century.
            problems.add(describe(setting) + " must be at most 36500d");
            return Duration.ZERO;
        }
        return value;
    }

    private boolean bool(Setting setting) {
        return parsed(setting, ConfigLoader::parseBoolean, "true or false").orElse(false);
    }

    private static Optional<Integer> parseInt(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Boolean> parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Optional.of(true);
            case "false", "0", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static String describe(Setting setting) {
        return setting.displayName();
    }
}
