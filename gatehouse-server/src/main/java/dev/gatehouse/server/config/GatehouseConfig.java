package dev.gatehouse.server.config;

import dev.gatehouse.oidc.DynamicRegistration;
import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.ratelimit.LoginThrottle;
import dev.gatehouse.core.secrets.Secret;
import dev.gatehouse.http.ForwardAuthSettings;
import dev.gatehouse.http.HttpSettings;
import dev.gatehouse.http.PublicUrl;
import dev.gatehouse.http.RegistrationMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of a Gatehouse instance, validated once by {@link ConfigLoader}. Secrets are
 * {@link Secret}s so that printing the configuration never prints them.
 *
 * @param sessionDuration absolute session lifetime; {@link Duration#ZERO} means none
 * @param sessionIdleTimeout how long an unused session lives; {@link Duration#ZERO} means forever
 * @param cookieSecure mark session cookies {@code Secure} (set it whenever TLS is in front)
 * @param maxBodyBytes largest request body accepted before answering 413
 * @param hashConcurrency how many password hashes may run at once (each holds 19 MiB)
 * @param tokenServiceSecret the HS512 key of the data token service, at least 64 bytes of
 *        UTF-8; when empty the server makes a random one at first start and keeps it in its store
 * @param redisUrl {@code GATEHOUSE_REDIS_URL}: sessions, refresh tokens, revocations and rate-limit
 *        counters go to Redis (a secret: the URL may hold a password)
 * @param redisKeyPrefix what every Gatehouse key in Redis starts with, so deployments can share one Redis
 * @param cacheMaxStale the longest a cached session or user is believed without the store being
 *        asked, when the store is shared (PostgreSQL, Redis); {@link Duration#ZERO} turns caching off
 * @param loginLimits how many failed sign-ins are allowed before attempts are refused or spaced out, and how many registrations per address
 * @param introspectionSecret the bearer secret resource servers (gatehouse-middleware) present to
 *        {@code /auth/introspect}, at least 32 bytes; without it only admins may introspect
 * @param registration who may create users over the API ({@code GATEHOUSE_REGISTRATION}); admins only by default
 * @param publicUrl where clients reach this server ({@code GATEHOUSE_PUBLIC_URL}): every absolute URL is built from it
 * @param rules the access rules file (YAML, read by the server); when empty every path needs a
 *        signed-in user
 * @param clientRegistration who may register OpenID clients at {@code POST /register}; empty (the
 *        default) when nobody may
 */
public record GatehouseConfig(
        String host,
        int port,
        Set<AuthMethod> authMethods,
        String sessionCookieName,
        Duration sessionDuration,
        Duration sessionIdleTimeout,
        boolean cookieSecure,
        StoreKind store,
        String dbUrl,
        Optional<Secret> redisUrl,
        String redisKeyPrefix,
        Duration cacheMaxStale,
        Optional<String> adminEmail,
        Optional<Secret> adminPassword,
        RegistrationMode registration,
        PublicUrl publicUrl,
        int maxBodyBytes,
        int hashConcurrency,
        LoginThrottle.Limits loginLimits,
        Optional<Secret> tokenServiceSecret,
        Optional<Secret> introspectionSecret,
        TokenConfig tokens,
        ForwardAuthSettings gateway,
        Optional<Path> rules,
        Optional<DynamicRegistration.Access> clientRegistration) {

    public GatehouseConfig {
        Objects.requireNonNull(host, "host");
        authMethods = Set.copyOf(authMethods);
        Objects.requireNonNull(sessionCookieName, "sessionCookieName");
        Objects.requireNonNull(sessionDuration, "sessionDuration");
        Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(redisKeyPrefix, "redisKeyPrefix");
        Objects.requireNonNull(cacheMaxStale, "cacheMaxStale");
        Objects.requireNonNull(adminEmail, "adminEmail");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(loginLimits, "loginLimits");
        Objects.requireNonNull(tokenServiceSecret, "tokenServiceSecret");
        Objects.requireNonNull(introspectionSecret, "introspectionSecret");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(clientRegistration, "clientRegistration");
    }

    /** The defaults: what {@code ./gatehouse serve} runs with when nothing is set. */
    public static GatehouseConfig defaults() {
        return ConfigLoader.load(java.util.Map.of(), java.util.Map.of());
    }

    /** What the HTTP edge reads of these settings. */
    public HttpSettings http() {
        return new HttpSettings(authMethods, sessionCookieName, cookieSecure, maxBodyBytes, registration, publicUrl, introspectionSecret, gateway,
                clientRegistration);
    }

    public boolean allows(AuthMethod type) {
        return authMethods.contains(type);
    }
}
