package dev.gatehouse.core.config;

import java.util.List;

/**
 * The names a setting is known by. Environment names are a public interface (scripts outside the
 * project rely on them), so older names stay accepted as compatibility aliases.
 */
public enum Setting {
    HOST("--host", "API_HOST", "GATEHOUSE_HOST"),
    PORT("--port", "API_PORT", "GATEHOUSE_PORT"),
    AUTH_TYPE("--auth-type", "AUTH_TYPE", "GATEHOUSE_AUTH_TYPE"),
    SESSION_NAME("--session-name", "SESSION_NAME", "GATEHOUSE_SESSION_NAME"),
    SESSION_DURATION("--session-duration", "SESSION_DURATION", "GATEHOUSE_SESSION_DURATION"),
    SESSION_IDLE_TIMEOUT("--session-idle-timeout", "SESSION_IDLE_TIMEOUT", "GATEHOUSE_SESSION_IDLE_TIMEOUT"),
    COOKIE_SECURE("--cookie-secure", "GATEHOUSE_COOKIE_SECURE"),
    STORE("--store", "STORE", "GATEHOUSE_STORE"),
    DB_URL("--db-url", "GATEHOUSE_DB_URL"),
    REDIS_URL("--redis-url", "GATEHOUSE_REDIS_URL"),
    REDIS_KEY_PREFIX("--redis-key-prefix", "GATEHOUSE_REDIS_KEY_PREFIX"),
    CACHE_MAX_STALE("--cache-max-stale", "GATEHOUSE_CACHE_MAX_STALE"),
    ADMIN_EMAIL("--admin-email", "GATEHOUSE_ADMIN_EMAIL"),
    ADMIN_PASSWORD("--admin-password", "GATEHOUSE_ADMIN_PASSWORD"),
    REGISTRATION("--registration", "GATEHOUSE_REGISTRATION"),
    MAX_BODY_BYTES("--max-body-bytes", "GATEHOUSE_MAX_BODY_BYTES"),
    HASH_CONCURRENCY("--hash-concurrency", "GATEHOUSE_HASH_CONCURRENCY"),
    LOGIN_MAX_FAILURES("--login-max-failures", "GATEHOUSE_LOGIN_MAX_FAILURES"),
    LOGIN_MAX_FAILURES_PER_ADDRESS("--login-max-failures-per-address", "GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS"),
    LOGIN_FAILURE_WINDOW("--login-failure-window", "GATEHOUSE_LOGIN_FAILURE_WINDOW"),
    LOGIN_MAX_FAILURES_PER_ACCOUNT("--login-max-failures-per-account", "GATEHOUSE_LOGIN_MAX_FAILURES_PER_ACCOUNT"),
    REGISTRATION_MAX_PER_ADDRESS("--registration-max-per-address", "GATEHOUSE_REGISTRATION_MAX_PER_ADDRESS"),
    INTROSPECTION_SECRET("--introspection-secret", "GATEHOUSE_INTROSPECTION_SECRET"),
    TOKEN_SERVICE_SECRET("--token-service-secret", "TOKEN_SERVICE_SECRET", "GATEHOUSE_TOKEN_SERVICE_SECRET"),
    JWT_ALGORITHM("--jwt-algorithm", "JWT_ALGORITHM", "GATEHOUSE_JWT_ALGORITHM"),
    JWT_TTL("--jwt-ttl", "JWT_TTL", "GATEHOUSE_JWT_TTL"),
    JWT_REFRESH_TTL("--jwt-refresh-ttl", "JWT_REFRESH_TTL", "GATEHOUSE_JWT_REFRESH_TTL"),
    JWT_ROTATE_INTERVAL("--jwt-rotate-interval", "JWT_ROTATE_INTERVAL", "GATEHOUSE_JWT_ROTATE_INTERVAL"),
    JWT_PRIVATE_KEY_FILE("--jwt-private-key-file", "JWT_PRIVATE_KEY_FILE", "GATEHOUSE_JWT_PRIVATE_KEY_FILE"),
    JWT_PUBLIC_KEY_FILE("--jwt-public-key-file", "JWT_PUBLIC_KEY_FILE", "GATEHOUSE_JWT_PUBLIC_KEY_FILE"),
    JWT_SECRET("--jwt-secret", "JWT_SECRET", "GATEHOUSE_JWT_SECRET"),
    PUBLIC_URL("--public-url", "GATEHOUSE_PUBLIC_URL"),
    ISSUER("--issuer", "GATEHOUSE_ISSUER"),
    AUDIENCE("--audience", "GATEHOUSE_AUDIENCE"),
    MASTER_KEY("--master-key", "GATEHOUSE_MASTER_KEY"),
    TRUSTED_PROXIES("--trusted-proxies", "GATEHOUSE_TRUSTED_PROXIES"),
    FORWARD_AUTH_PROXY("--forward-auth-proxy", "GATEHOUSE_FORWARD_AUTH_PROXY"),
    LOGIN_URL("--login-url", "GATEHOUSE_LOGIN_URL"),
    ALLOWED_REDIRECT_HOSTS("--allowed-redirect-hosts", "GATEHOUSE_ALLOWED_REDIRECT_HOSTS"),
    AUTH_HEADER_PREFIX("--auth-header-prefix", "GATEHOUSE_AUTH_HEADER_PREFIX"),

    RULES("--rules", "GATEHOUSE_RULES");

    private final String flag;
    private final List<String> environmentNames;

    Setting(String flag, String... environmentNames) {
        this.flag = flag;
        this.environmentNames = List.of(environmentNames);
    }

    /** The command-line flag, for example {@code --port}. */
    public String flag() {
        return flag;
    }

    /** Environment variable names, the first being the one documented. */
    public List<String> environmentNames() {
        return environmentNames;
    }
}
