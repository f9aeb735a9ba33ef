package dev.gatehouse.server;

import dev.gatehouse.core.config.ConfigLoader;
import dev.gatehouse.core.config.GatehouseConfig;
import dev.gatehouse.core.config.Setting;
import picocli.CommandLine.Option;

import java.util.EnumMap;
import java.util.Map;

/**
 * The settings as command-line flags. Each flag has an environment variable of the same meaning
 * (see {@link Setting}); a flag wins over the environment.
 */
final class ConfigOptions {
    @Option(names = "--host", description = "Address to listen on (API_HOST). Default 127.0.0.1.")
    String host;
    @Option(names = "--port", description = "Port to listen on, 0 for any free port (API_PORT). Default 8080.")
    String port;
    @Option(names = "--auth-type", description = "Comma list of basic, session, jwt (AUTH_TYPE; compatibility names accepted). Default basic,session.")
    String authType;
    @Option(names = "--session-name", description = "Session cookie name (SESSION_NAME). Default gatehouse_session.")
    String sessionName;
    @Option(names = "--session-duration", description = "Absolute session lifetime: seconds or 30d/12h/15m; 0 = none (SESSION_DURATION).")
    String sessionDuration;
    @Option(names = "--session-idle-timeout", description = "Idle session lifetime, same forms; 0 = none (SESSION_IDLE_TIMEOUT).")
    String sessionIdleTimeout;
    @Option(names = "--cookie-secure", description = "Mark the session cookie Secure (GATEHOUSE_COOKIE_SECURE). Default false.")
    String cookieSecure;
    @Option(names = "--store", description = "sqlite, postgres or memory (STORE). Default sqlite.")
    String store;
    @Option(names = "--db-url", description = "JDBC URL (GATEHOUSE_DB_URL): jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB. Default "
            + GatehouseConfig.DEFAULT_DB_URL + ".")
    String dbUrl;
    @Option(names = "--redis-url", description = "redis://[:PASSWORD@]HOST:PORT[/DB] (GATEHOUSE_REDIS_URL): sessions, refresh tokens, revocations "
            + "and rate limits in Redis. Prefer the variable: other users can read a process's arguments.")
    String redisUrl;
    @Option(names = "--redis-key-prefix", description = "What every Gatehouse key in Redis starts with (GATEHOUSE_REDIS_KEY_PREFIX). Default gatehouse:")
    String redisKeyPrefix;
    @Option(names = "--cache-max-stale", description = "Longest a cached session, user or revocation answer is believed on a SQL store; 0 = no cache "
            + "(GATEHOUSE_CACHE_MAX_STALE). Default 10s.")
    String cacheMaxStale;
    @Option(names = "--admin-email", description = "At start, make sure this admin exists (GATEHOUSE_ADMIN_EMAIL).")
    String adminEmail;
    @Option(names = "--admin-password", description = "Its password (GATEHOUSE_ADMIN_PASSWORD). Prefer the variable: "
            + "other users of the machine can read a process's arguments.")
    String adminPassword;
    @Option(names = "--registration", description = "Who may create users through POST /api/v1/users: open (anyone), admin (a signed-in "
            + "admin) or closed (nobody; the CLI and GATEHOUSE_ADMIN_EMAIL still can) (GATEHOUSE_REGISTRATION). Default admin.")
    String registration;
    @Option(names = "--max-body-bytes", description = "Largest accepted request body (GATEHOUSE_MAX_BODY_BYTES). Default 65536.")
    String maxBodyBytes;
    @Option(names = "--hash-concurrency", description = "Password hashes at once (GATEHOUSE_HASH_CONCURRENCY). Default: cores.")
    String hashConcurrency;
    @Option(names = "--token-service-secret", description = "HS512 key of the token service, at least 64 bytes (TOKEN_SERVICE_SECRET). "
            + "Default: random at first start, kept in the store. Prefer the variable: other users can read a process's arguments.")
    String tokenServiceSecret;
    @Option(names = "--login-max-failures", description = "Failed sign-ins of one login from one address per window before "
            + "attempts are refused (GATEHOUSE_LOGIN_MAX_FAILURES). Default 10; 0 turns the throttle off.")
    String loginMaxFailures;
    @Option(names = "--login-max-failures-per-address", description = "Failed sign-ins from one address per window, all logins "
            + "together (GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS). Default 100; 0 for no such limit.")
    String loginMaxFailuresPerAddress;
    @Option(names = "--login-failure-window", description = "The window failures are counted in (GATEHOUSE_LOGIN_FAILURE_WINDOW). Default 15m.")
    String loginFailureWindow;
    @Option(names = "--login-max-failures-per-account", description = "Failed sign-ins of one account from all addresses per window before "
            + "its attempts are spaced out, 1s doubling to 1m (GATEHOUSE_LOGIN_MAX_FAILURES_PER_ACCOUNT). Default twice --login-max-failures; 0 for no such limit.")
    String loginMaxFailuresPerAccount;
    @Option(names = "--registration-max-per-address", description = "Registrations tried from one address per hour "
            + "(GATEHOUSE_REGISTRATION_MAX_PER_ADDRESS). Default 20; 0 for no limit.")
    String registrationMaxPerAddress;
    @Option(names = "--introspection-secret", description = "Bearer secret of resource servers at /api/v1/auth/introspect, at least 32 bytes "
            + "(GATEHOUSE_INTROSPECTION_SECRET). Default: none, only admins may introspect. Prefer the variable.")
    String introspectionSecret;

    @Option(names = "--jwt-algorithm", description = "Token signing algorithm (JWT_ALGORITHM). Default RS256.")
    String jwtAlgorithm;
    @Option(names = "--jwt-ttl", description = "Access token lifetime: seconds or 30d/12h/15m (JWT_TTL). Default 15m.")
    String jwtTtl;
    @Option(names = "--jwt-refresh-ttl", description = "Refresh token lifetime (JWT_REFRESH_TTL). Default 30d.")
    String jwtRefreshTtl;
    @Option(names = "--jwt-rotate-interval", description = "Rotation of generated keys; 0 = off (JWT_ROTATE_INTERVAL). Default 30d.")
    String jwtRotateInterval;
    @Option(names = "--jwt-private-key-file", description = "PEM private key to sign with (JWT_PRIVATE_KEY_FILE).")
    String jwtPrivateKeyFile;
    @Option(names = "--jwt-public-key-file", description = "Its PEM public key, checked against it (JWT_PUBLIC_KEY_FILE).")
    String jwtPublicKeyFile;
    @Option(names = "--jwt-secret", description = "HS* secret (JWT_SECRET). Prefer the variable: process arguments are visible to others.")
    String jwtSecret;
    @Option(names = "--public-url", description = "Where clients reach this server, an http(s) origin such as https://auth.example.com "
            + "(GATEHOUSE_PUBLIC_URL): every absolute URL and the expected Origin of sign-ins. Default http://API_HOST:API_PORT.")
    String publicUrl;
    @Option(names = "--issuer", description = "iss of issued tokens (GATEHOUSE_ISSUER). Default: the public URL.")
    String issuer;
    @Option(names = "--audience", description = "aud of issued tokens (GATEHOUSE_AUDIENCE). Default gatehouse.")
    String audience;
    @Option(names = "--master-key", description = "Base64 of 32 bytes encrypting stored keys (GATEHOUSE_MASTER_KEY). Prefer the variable.")
    String masterKey;
    @Option(names = "--rules", description = "YAML access rules file, reloaded when it changes (GATEHOUSE_RULES). "
            + "Default: every path needs a signed-in user. See docs/RULES.md.")
    String rules;

    @Option(names = "--trusted-proxies", description = "Addresses/CIDR ranges whose forwarded headers /auth/verify believes "
            + "(GATEHOUSE_TRUSTED_PROXIES). Default loopback.")
    String trustedProxies;
    @Option(names = "--forward-auth-proxy", description = "The proxy asking /auth/verify: nginx, traefik or caddy; only its headers are "
            + "read (GATEHOUSE_FORWARD_AUTH_PROXY). Default nginx.")
    String forwardAuthProxy;
    @Option(names = "--login-url", description = "Where browsers are sent to sign in (GATEHOUSE_LOGIN_URL). Default /login.")
    String loginUrl;
    @Option(names = "--allowed-redirect-hosts", description = "Hosts a return URL may name (GATEHOUSE_ALLOWED_REDIRECT_HOSTS).")
    String allowedRedirectHosts;
    @Option(names = "--auth-header-prefix", description = "Prefix of the identity headers (GATEHOUSE_AUTH_HEADER_PREFIX). Default X-Auth-.")
    String authHeaderPrefix;

    /** Validated settings from the environment and these flags; a bad value throws with every problem named. */
    GatehouseConfig load(Map<String, String> environment) {
        return ConfigLoader.load(environment, flags());
    }

    /** The flags given, by the setting each names. */
    Map<Setting, String> flags() {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        put(flags, Setting.HOST, host);
        put(flags, Setting.PORT, port);
        put(flags, Setting.AUTH_TYPE, authType);
        put(flags, Setting.SESSION_NAME, sessionName);
        put(flags, Setting.SESSION_DURATION, sessionDuration);
        put(flags, Setting.SESSION_IDLE_TIMEOUT, sessionIdleTimeout);
        put(flags, Setting.COOKIE_SECURE, cookieSecure);
        put(flags, Setting.STORE, store);
        put(flags, Setting.DB_URL, dbUrl);
        put(flags, Setting.REDIS_URL, redisUrl);
        put(flags, Setting.REDIS_KEY_PREFIX, redisKeyPrefix);
        put(flags, Setting.CACHE_MAX_STALE, cacheMaxStale);
        put(flags, Setting.ADMIN_EMAIL, adminEmail);
        put(flags, Setting.ADMIN_PASSWORD, adminPassword);
        put(flags, Setting.REGISTRATION, registration);
        put(flags, Setting.MAX_BODY_BYTES, maxBodyBytes);
        put(flags, Setting.JWT_ALGORITHM, jwtAlgorithm);
        put(flags, Setting.JWT_TTL, jwtTtl);
        put(flags, Setting.JWT_REFRESH_TTL, jwtRefreshTtl);
        put(flags, Setting.JWT_ROTATE_INTERVAL, jwtRotateInterval);
        put(flags, Setting.JWT_PRIVATE_KEY_FILE, jwtPrivateKeyFile);
        put(flags, Setting.JWT_PUBLIC_KEY_FILE, jwtPublicKeyFile);
        put(flags, Setting.JWT_SECRET, jwtSecret);
        put(flags, Setting.PUBLIC_URL, publicUrl);
        put(flags, Setting.ISSUER, issuer);
        put(flags, Setting.AUDIENCE, audience);
        put(flags, Setting.MASTER_KEY, masterKey);
        put(flags, Setting.TRUSTED_PROXIES, trustedProxies);
        put(flags, Setting.FORWARD_AUTH_PROXY, forwardAuthProxy);
        put(flags, Setting.LOGIN_URL, loginUrl);
        put(flags, Setting.ALLOWED_REDIRECT_HOSTS, allowedRedirectHosts);
        put(flags, Setting.AUTH_HEADER_PREFIX, authHeaderPrefix);
        put(flags, Setting.HASH_CONCURRENCY, hashConcurrency);
        put(flags, Setting.TOKEN_SERVICE_SECRET, tokenServiceSecret);
        put(flags, Setting.INTROSPECTION_SECRET, introspectionSecret);
        put(flags, Setting.LOGIN_MAX_FAILURES, loginMaxFailures);
        put(flags, Setting.LOGIN_MAX_FAILURES_PER_ADDRESS, loginMaxFailuresPerAddress);
        put(flags, Setting.LOGIN_FAILURE_WINDOW, loginFailureWindow);
        put(flags, Setting.LOGIN_MAX_FAILURES_PER_ACCOUNT, loginMaxFailuresPerAccount);
        put(flags, Setting.REGISTRATION_MAX_PER_ADDRESS, registrationMaxPerAddress);
        put(flags, Setting.RULES, rules);
        return flags;
    }

    private static void put(Map<Setting, String> flags, Setting setting, String value) {
        if (value != null) {
            flags.put(setting, value);
        }
    }
}
