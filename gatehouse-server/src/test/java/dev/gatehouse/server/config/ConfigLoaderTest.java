package dev.gatehouse.server.config;

import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.secrets.Secret;
import dev.gatehouse.http.ForwardAuthProxy;
import dev.gatehouse.http.PublicUrl;
import dev.gatehouse.http.RegistrationMode;
import dev.gatehouse.oidc.DynamicRegistration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest {

    private static GatehouseConfig env(String... keyValues) {
        return ConfigLoader.load(map(keyValues), Map.of());
    }

    private static Map<String, String> map(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static ConfigException failure(Map<String, String> environment, Map<Setting, String> flags) {
        return catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(environment, flags));
    }

    private static ConfigException failure(String... keyValues) {
        ConfigException e = failure(map(keyValues), Map.of());
        assertThat(e).as("expected a ConfigException for %s", map(keyValues)).isNotNull();
        return e;
    }

    @Nested
    class Defaults {
        @Test
        void nothingSetGivesTheDocumentedDefaults() {
            GatehouseConfig config = ConfigLoader.load(Map.of(), Map.of());

            assertThat(config.host()).isEqualTo("127.0.0.1");
            assertThat(config.port()).isEqualTo(8080);
            assertThat(config.store()).isEqualTo(StoreKind.SQLITE);
            assertThat(config.dbUrl()).isEqualTo("jdbc:sqlite:./data/gatehouse.db");
            assertThat(config.authMethods()).containsExactlyInAnyOrder(AuthMethod.BASIC, AuthMethod.SESSION);
            assertThat(config.allows(AuthMethod.BASIC)).isTrue();
            assertThat(config.allows(AuthMethod.SESSION)).isTrue();
            assertThat(config.sessionCookieName()).isEqualTo("gatehouse_session");
            assertThat(config.sessionDuration()).isEqualTo(Duration.ZERO);
            assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ZERO);
            assertThat(config.cookieSecure()).isFalse();
            assertThat(config.adminEmail()).isEmpty();
            assertThat(config.adminPassword()).isEmpty();
            assertThat(config.maxBodyBytes()).isEqualTo(64 * 1024);
            assertThat(config.hashConcurrency()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }

        @Test
        void defaultsFactoryMatchesAnEmptyLoad() {
            assertThat(GatehouseConfig.defaults()).isEqualTo(ConfigLoader.load(Map.of(), Map.of()));
        }

        @Test
        void blankValuesCountAsUnset() {
            GatehouseConfig config = env("API_PORT", "   ", "AUTH_TYPE", "", "STORE", " ");

            assertThat(config.port()).isEqualTo(8080);
            assertThat(config.authMethods()).isEqualTo(EnumSet.of(AuthMethod.BASIC, AuthMethod.SESSION));
            assertThat(config.store()).isEqualTo(StoreKind.SQLITE);
        }
    }

    @Nested
    class Values {
        @Test
        void readsEverySettingFromTheEnvironment() {
            GatehouseConfig config = env(
                    "API_HOST", "0.0.0.0",
                    "API_PORT", "9090",
                    "AUTH_TYPE", "session",
                    "SESSION_NAME", "_my_session_id",
                    "SESSION_DURATION", "30d",
                    "SESSION_IDLE_TIMEOUT", "2h",
                    "GATEHOUSE_COOKIE_SECURE", "true",
                    "STORE", "memory",
                    "GATEHOUSE_DB_URL", "jdbc:postgresql://db/gatehouse",
                    "GATEHOUSE_ADMIN_EMAIL", "root@example.com",
                    "GATEHOUSE_ADMIN_PASSWORD", "correct horse",
                    "GATEHOUSE_MAX_BODY_BYTES", "2048",
                    "GATEHOUSE_HASH_CONCURRENCY", "3");

            assertThat(config.host()).isEqualTo("0.0.0.0");
            assertThat(config.port()).isEqualTo(9090);
            assertThat(config.authMethods()).containsExactly(AuthMethod.SESSION);
            assertThat(config.sessionCookieName()).isEqualTo("_my_session_id");
            assertThat(config.sessionDuration()).isEqualTo(Duration.ofDays(30));
            assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ofHours(2));
            assertThat(config.cookieSecure()).isTrue();
            assertThat(config.store()).isEqualTo(StoreKind.MEMORY);
            assertThat(config.dbUrl()).isEqualTo("jdbc:postgresql://db/gatehouse");
            assertThat(config.adminEmail()).contains("root@example.com");
            assertThat(config.adminPassword()).map(Secret::value).contains("correct horse");
            assertThat(config.maxBodyBytes()).isEqualTo(2048);
            assertThat(config.hashConcurrency()).isEqualTo(3);
        }

        @ParameterizedTest
        @CsvSource({"0,0", "65535,65535", "' 8081 ',8081"})
        void portBoundsAreInclusive(String raw, int expected) {
            assertThat(env("API_PORT", raw).port()).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({"true,true", "1,true", "YES,true", "on,true", "false,false", "0,false", "no,false", "Off,false"})
        void booleansAcceptCommonSpellings(String raw, boolean expected) {
            assertThat(env("GATEHOUSE_COOKIE_SECURE", raw).cookieSecure()).isEqualTo(expected);
        }

        @Test
        void memoryStoreNeedsNoSqliteUrl() {
            assertThat(env("STORE", "MEMORY", "GATEHOUSE_DB_URL", "jdbc:h2:mem:x").store()).isEqualTo(StoreKind.MEMORY);
        }

        @Test
        void sessionDurationInPlainSeconds() {
            assertThat(env("SESSION_DURATION", "90").sessionDuration()).isEqualTo(Duration.ofSeconds(90));
        }
    }

    @Nested
    class AuthTypes {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "basic_auth|BASIC",
                "basic|BASIC",
                "session_auth|SESSION",
                "session_exp_auth|SESSION",
                "session_db_auth|SESSION",
                "SESSION|SESSION",
                "jwt|BEARER",
                "jwt_auth|BEARER",
                "bearer|BEARER",
                "'  Basic_Auth  '|BASIC"})
        void compatibilityNamesAreAliases(String raw, AuthMethod expected) {
            assertThat(env("AUTH_TYPE", raw).authMethods()).containsExactly(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"basic_auth,session_auth", "basic, session_db_auth", " session_exp_auth , basic ", "basic,,session,",
                "basic_auth,basic,session,session_auth"})
        void commaListsWithSpacesEnableSeveral(String raw) {
            assertThat(env("AUTH_TYPE", raw).authMethods()).containsExactlyInAnyOrder(AuthMethod.BASIC, AuthMethod.SESSION);
        }

        @Test
        void unknownMethodIsRefusedEvenAmongKnownOnes() {
            ConfigException e = failure("AUTH_TYPE", "basic,magic");

            assertThat(e.problems()).singleElement().asString().contains("AUTH_TYPE", "--auth-type", "'magic'");
        }

        @Test
        void aListOfOnlyCommasNamesNoMethod() {
            ConfigException e = failure("AUTH_TYPE", " , ,");

            assertThat(e.problems()).singleElement().asString().contains("AUTH_TYPE").contains("names no method");
        }
    }

    @Nested
    class Precedence {
        @Test
        void flagsOverrideTheEnvironment() {
            GatehouseConfig config = ConfigLoader.load(
                    map("API_PORT", "9000", "API_HOST", "10.0.0.1", "AUTH_TYPE", "basic", "STORE", "mongo"),
                    Map.of(Setting.PORT, "9001", Setting.AUTH_TYPE, "session_auth", Setting.STORE, "memory"));

            assertThat(config.port()).isEqualTo(9001);
            assertThat(config.host()).isEqualTo("10.0.0.1");
            assertThat(config.authMethods()).containsExactly(AuthMethod.SESSION);
            // The environment's bad STORE is never looked at: the flag decides.
            assertThat(config.store()).isEqualTo(StoreKind.MEMORY);
        }

        @Test
        void blankFlagFallsBackToTheEnvironment() {
            GatehouseConfig config = ConfigLoader.load(map("API_PORT", "9000"), Map.of(Setting.PORT, " "));

            assertThat(config.port()).isEqualTo(9000);
        }

        @Test
        void gatehouseNamesAreAliases() {
            GatehouseConfig config = env(
                    "GATEHOUSE_HOST", "::1",
                    "GATEHOUSE_PORT", "7000",
                    "GATEHOUSE_AUTH_TYPE", "basic",
                    "GATEHOUSE_SESSION_NAME", "gh",
                    "GATEHOUSE_SESSION_DURATION", "12h",
                    "GATEHOUSE_SESSION_IDLE_TIMEOUT", "15m",
                    "GATEHOUSE_STORE", "memory");

            assertThat(config.host()).isEqualTo("::1");
            assertThat(config.port()).isEqualTo(7000);
            assertThat(config.authMethods()).containsExactly(AuthMethod.BASIC);
            assertThat(config.sessionCookieName()).isEqualTo("gh");
            assertThat(config.sessionDuration()).isEqualTo(Duration.ofHours(12));
            assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(15));
            assertThat(config.store()).isEqualTo(StoreKind.MEMORY);
        }

        @Test
        void documentedNameWinsOverItsAlias() {
            assertThat(env("API_PORT", "1111", "GATEHOUSE_PORT", "2222").port()).isEqualTo(1111);
        }

        @Test
        void everySettingHasAFlagAndADocumentedName() {
            for (Setting s : Setting.values()) {
                assertThat(s.flag()).startsWith("--");
                assertThat(s.environmentNames()).isNotEmpty();
            }
        }
    }

    @Nested
    class BadValues {
        @Test
        void portThatIsNotANumber() {
            assertThat(failure("API_PORT", "x").problems()).singleElement().asString()
                    .contains("API_PORT", "--port", "whole number", "'x'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"70000", "65536", "-1", "99999999999"})
        void portOutOfRange(String raw) {
            assertThat(failure("API_PORT", raw).problems()).singleElement().asString().contains("API_PORT");
        }

        @Test
        void unknownAuthType() {
            assertThat(failure("AUTH_TYPE", "magic").problems()).singleElement().asString().contains("AUTH_TYPE", "magic");
        }

        @ParameterizedTest
        @ValueSource(strings = {"my session", "sid;path=/", "a,b", "sess=1", "\"quoted\"", "caf\u00e9"})
        void sessionNameThatIsNotACookieName(String raw) {
            assertThat(failure("SESSION_NAME", raw).problems()).singleElement().asString().contains("SESSION_NAME");
        }

        @Test
        void sessionNameLongerThan64() {
            assertThat(env("SESSION_NAME", "s".repeat(64)).sessionCookieName()).hasSize(64);
            assertThat(failure("SESSION_NAME", "s".repeat(65)).problems()).singleElement().asString().contains("SESSION_NAME");
        }

        @Test
        void sessionDurationThatIsNotADuration() {
            assertThat(failure("SESSION_DURATION", "soon").problems()).singleElement().asString()
                    .contains("SESSION_DURATION", "'soon'");
            assertThat(failure("SESSION_IDLE_TIMEOUT", "-5m").problems()).singleElement().asString()
                    .contains("SESSION_IDLE_TIMEOUT");
        }

        @Test
        void unknownStore() {
            assertThat(failure("STORE", "mongo").problems()).singleElement().asString().contains("STORE", "'mongo'");
        }

        @Test
        void sqliteStoreWithAnotherUrl() {
            assertThat(failure("GATEHOUSE_DB_URL", "jdbc:postgresql://db/x").problems()).singleElement().asString()
                    .contains("GATEHOUSE_DB_URL");
        }

        @Test
        void adminEmailWithoutPassword() {
            assertThat(failure("GATEHOUSE_ADMIN_EMAIL", "root@example.com").problems()).singleElement().asString()
                    .contains("GATEHOUSE_ADMIN_EMAIL", "GATEHOUSE_ADMIN_PASSWORD");
        }

        @Test
        void adminPasswordWithoutEmail() {
            assertThat(failure("GATEHOUSE_ADMIN_PASSWORD", "hunter22hunter22").problems()).singleElement().asString()
                    .contains("GATEHOUSE_ADMIN_EMAIL", "GATEHOUSE_ADMIN_PASSWORD")
                    .doesNotContain("hunter22");
        }

        @Test
        void anAdminPasswordThePasswordRulesRefuseStopsStartUpSayingWhyButNotWhat() {
            assertThat(failure("GATEHOUSE_ADMIN_EMAIL", "root@example.com", "GATEHOUSE_ADMIN_PASSWORD", "password1").problems())
                    .singleElement().asString().contains("GATEHOUSE_ADMIN_PASSWORD", "most commonly used").doesNotContain("password1");
            assertThat(failure("GATEHOUSE_ADMIN_EMAIL", "root@example.com", "GATEHOUSE_ADMIN_PASSWORD", "short").problems())
                    .singleElement().asString().contains("GATEHOUSE_ADMIN_PASSWORD", "at least 8").doesNotContain("short ");
        }

        @Test
        void tokenServiceSecretShorterThan64Bytes() {
            assertThat(failure("TOKEN_SERVICE_SECRET", "s".repeat(63)).problems()).singleElement().asString()
                    .contains("TOKEN_SERVICE_SECRET", "--token-service-secret", "64", "not 63").doesNotContain("sss");
        }

        @Test
        void tokenServiceSecretIsKeptExactlyAndMasked() {
            String secret = " " + "k".repeat(70) + " ";
            GatehouseConfig config = env("TOKEN_SERVICE_SECRET", secret);

            assertThat(config.tokenServiceSecret().orElseThrow().value()).isEqualTo(secret);
            assertThat(config.toString()).doesNotContain("kkkk");
            assertThat(env().tokenServiceSecret()).isEmpty();
        }

        @Test
        void postgresNeedsAPostgresUrlAndRedisAUrlOfItsOwnKind() {
            assertThat(failure("STORE", "postgres").problems()).singleElement().asString().contains("jdbc:postgresql:");
            GatehouseConfig pg = env("STORE", "postgresql", "GATEHOUSE_DB_URL", "jdbc:postgresql://db:5432/gh",
                    "GATEHOUSE_REDIS_URL", "redis://:s3cret@cache:6379/0");
            assertThat(pg.store()).isEqualTo(StoreKind.POSTGRES);
            assertThat(pg.redisUrl().orElseThrow().value()).isEqualTo("redis://:s3cret@cache:6379/0");
            assertThat(pg.toString()).doesNotContain("s3cret");
            assertThat(pg.cacheMaxStale()).isEqualTo(Duration.ofSeconds(10));
            assertThat(failure("GATEHOUSE_REDIS_URL", "http://:s3cret@cache").problems()).singleElement().asString()
                    .contains("redis://").doesNotContain("s3cret");
            assertThat(failure("STORE", "memory", "GATEHOUSE_REDIS_URL", "redis://cache").problems()).singleElement().asString()
                    .contains("durable");
            assertThat(failure("GATEHOUSE_CACHE_MAX_STALE", "1h").problems()).singleElement().asString().contains("at most 5m");
            assertThat(env("GATEHOUSE_CACHE_MAX_STALE", "0").cacheMaxStale()).isZero();
            assertThat(pg.redisKeyPrefix()).isEqualTo("gatehouse:");
            assertThat(env("GATEHOUSE_REDIS_KEY_PREFIX", "prod:gh:").redisKeyPrefix()).isEqualTo("prod:gh:");
            assertThat(failure("GATEHOUSE_REDIS_KEY_PREFIX", "gh*").problems()).singleElement().asString().contains("GATEHOUSE_REDIS_KEY_PREFIX");
        }

        @Test
        void loginLimitsHaveDefaultsAndCanBeTurnedOff() {
            assertThat(env().loginLimits()).isEqualTo(dev.gatehouse.core.ratelimit.LoginThrottle.Limits.DEFAULT);
            GatehouseConfig off = env("GATEHOUSE_LOGIN_MAX_FAILURES", "0", "GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS", "0",
                    "GATEHOUSE_LOGIN_FAILURE_WINDOW", "1h");
            assertThat(off.loginLimits()).isEqualTo(new dev.gatehouse.core.ratelimit.LoginThrottle.Limits(0, 0, 0, 20, Duration.ofHours(1)));
            assertThat(env("GATEHOUSE_LOGIN_MAX_FAILURES", "4", "GATEHOUSE_REGISTRATION_MAX_PER_ADDRESS", "0").loginLimits())
                    .as("the account-wide limit follows the per-address one").isEqualTo(new dev.gatehouse.core.ratelimit.LoginThrottle.Limits(4, 100, 8, 0, Duration.ofMinutes(15)));
            assertThat(failure("GATEHOUSE_LOGIN_MAX_FAILURES_PER_ACCOUNT", "10").problems()).singleElement().asString()
                    .contains("GATEHOUSE_LOGIN_MAX_FAILURES_PER_ACCOUNT").contains("more than GATEHOUSE_LOGIN_MAX_FAILURES");
            assertThat(failure("GATEHOUSE_LOGIN_MAX_FAILURES", "-1").problems()).singleElement().asString().contains("GATEHOUSE_LOGIN_MAX_FAILURES");
            assertThat(failure("GATEHOUSE_LOGIN_FAILURE_WINDOW", "2d").problems()).singleElement().asString().contains("between 1s and 1d");
        }

        @Test
        void forwardAuthProxyIsNginxByDefaultAndOnlyAKnownKind() {
            assertThat(env().gateway().proxy()).isEqualTo(ForwardAuthProxy.NGINX);
            assertThat(env("GATEHOUSE_FORWARD_AUTH_PROXY", "caddy").gateway().proxy()).isEqualTo(ForwardAuthProxy.CADDY);
            assertThat(env("GATEHOUSE_FORWARD_AUTH_PROXY", "Traefik").gateway().proxy()).isEqualTo(ForwardAuthProxy.TRAEFIK);
            assertThat(ConfigLoader.load(Map.of(), Map.of(Setting.FORWARD_AUTH_PROXY, "caddy")).gateway().proxy()).isEqualTo(ForwardAuthProxy.CADDY);
            assertThat(failure("GATEHOUSE_FORWARD_AUTH_PROXY", "haproxy").problems()).singleElement().asString()
                    .contains("GATEHOUSE_FORWARD_AUTH_PROXY", "--forward-auth-proxy", "nginx, traefik or caddy", "haproxy");
        }

        @Test
        void introspectionSecretShorterThan32Bytes() {
            assertThat(failure("GATEHOUSE_INTROSPECTION_SECRET", "s".repeat(31)).problems()).singleElement().asString()
                    .contains("GATEHOUSE_INTROSPECTION_SECRET", "--introspection-secret", "32", "not 31").doesNotContain("sss");
        }

        @Test
        void introspectionSecretIsKeptExactlyAndMasked() {
            String secret = "q".repeat(40);
            GatehouseConfig config = env("GATEHOUSE_INTROSPECTION_SECRET", secret);

            assertThat(config.introspectionSecret().orElseThrow().value()).isEqualTo(secret);
            assertThat(config.toString()).doesNotContain("qqqq");
            assertThat(env().introspectionSecret()).isEmpty();
        }

        @Test
        void clientRegistrationIsOffUnlessTurnedOnAndItsTokenIsLongAndMasked() {
            assertThat(env().clientRegistration()).isEmpty();
            assertThat(env("GATEHOUSE_CLIENT_REGISTRATION", "off").clientRegistration()).isEmpty();
            assertThat(env("GATEHOUSE_CLIENT_REGISTRATION", "open").clientRegistration()).containsInstanceOf(DynamicRegistration.Access.Open.class);
            String token = "t".repeat(40);
            GatehouseConfig withToken = env("GATEHOUSE_CLIENT_REGISTRATION", "token", "GATEHOUSE_CLIENT_REGISTRATION_TOKEN", token);
            assertThat(withToken.clientRegistration()).contains(new DynamicRegistration.Access.WithToken(token));
            assertThat(withToken.toString()).doesNotContain("tttt");

            assertThat(failure("GATEHOUSE_CLIENT_REGISTRATION", "token", "GATEHOUSE_CLIENT_REGISTRATION_TOKEN", "t".repeat(31)).problems())
                    .singleElement().asString().contains("GATEHOUSE_CLIENT_REGISTRATION_TOKEN", "32").doesNotContain("tttt");
            assertThat(failure("GATEHOUSE_CLIENT_REGISTRATION", "token").problems()).singleElement().asString()
                    .contains("GATEHOUSE_CLIENT_REGISTRATION_TOKEN");
            assertThat(failure("GATEHOUSE_CLIENT_REGISTRATION_TOKEN", token).problems()).singleElement().asString()
                    .contains("GATEHOUSE_CLIENT_REGISTRATION");
            assertThat(failure("GATEHOUSE_CLIENT_REGISTRATION", "open", "GATEHOUSE_CLIENT_REGISTRATION_TOKEN", token).problems())
                    .singleElement().asString().contains("anyone");
            assertThat(failure("GATEHOUSE_CLIENT_REGISTRATION", "yes").problems()).singleElement().asString().contains("off, token, open");
        }

        @Test
        void badBooleanAndNumbers() {
            assertThat(failure("GATEHOUSE_COOKIE_SECURE", "maybe").problems()).singleElement().asString().contains("GATEHOUSE_COOKIE_SECURE");
            assertThat(failure("GATEHOUSE_MAX_BODY_BYTES", "10").problems()).singleElement().asString().contains("GATEHOUSE_MAX_BODY_BYTES");
            assertThat(failure("GATEHOUSE_HASH_CONCURRENCY", "0").problems()).singleElement().asString().contains("GATEHOUSE_HASH_CONCURRENCY");
        }

        @Test
        void badFlagIsNamedToo() {
            ConfigException e = failure(Map.of(), Map.of(Setting.PORT, "eighty"));

            assertThat(e.problems()).singleElement().asString().contains("--port", "'eighty'");
        }

        @Test
        void severalBadValuesAreReportedTogether() {
            ConfigException e = failure(
                    "API_PORT", "x",
                    "AUTH_TYPE", "magic",
                    "SESSION_NAME", "bad name",
                    "SESSION_DURATION", "soon",
                    "STORE", "mongo",
                    "GATEHOUSE_ADMIN_EMAIL", "root@example.com");

            assertThat(e.problems()).hasSize(6);
            assertThat(String.join("\n", e.problems()))
                    .contains("API_PORT", "AUTH_TYPE", "SESSION_NAME", "SESSION_DURATION", "STORE", "GATEHOUSE_ADMIN_PASSWORD");
            assertThat(e.getMessage()).startsWith("invalid configuration:")
                    .contains("API_PORT", "AUTH_TYPE", "SESSION_NAME", "SESSION_DURATION", "STORE", "GATEHOUSE_ADMIN_PASSWORD");
        }

        @Test
        void anEmptyAuthTypeListIsReportedAlongsideOtherProblems() {
            ConfigException e = failure("API_PORT", "x", "AUTH_TYPE", ",");

            assertThat(e.problems()).hasSize(2);
            assertThat(String.join("\n", e.problems())).contains("API_PORT", "names no method");
        }

        @Test
        void problemsAreImmutable() {
            ConfigException e = failure("API_PORT", "x");

            assertThatThrownBy(() -> e.problems().add("more")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Secrets {
        @Test
        void secretToStringHidesTheValue() {
            Secret secret = new Secret("hunter22hunter22");

            assertThat(secret.toString()).doesNotContain("hunter22").contains("****");
            assertThat(secret.value()).isEqualTo("hunter22hunter22");
        }

        @Test
        void configToStringNeverShowsTheAdminPassword() {
            GatehouseConfig config = env("GATEHOUSE_ADMIN_EMAIL", "root@example.com", "GATEHOUSE_ADMIN_PASSWORD", "hunter22hunter22");

            assertThat(config.toString()).doesNotContain("hunter22").contains("root@example.com").contains("****");
            assertThat(String.valueOf(config.adminPassword())).doesNotContain("hunter22");
        }

        @Test
        void configAuthTypesCannotBeChangedAfterLoading() {
            Set<AuthMethod> types = EnumSet.of(AuthMethod.BASIC);
            GatehouseConfig config = new GatehouseConfig("h", 1, types, "c", Duration.ZERO, Duration.ZERO, false, StoreKind.MEMORY,
                    "u", java.util.Optional.empty(), "gatehouse:", Duration.ZERO, java.util.Optional.empty(), java.util.Optional.empty(),
                    RegistrationMode.ADMIN, PublicUrl.listeningOn("h", 1), 1024, 1, dev.gatehouse.core.ratelimit.LoginThrottle.Limits.DEFAULT,
                    java.util.Optional.empty(), java.util.Optional.empty(),
                    GatehouseConfig.defaults().tokens(), GatehouseConfig.defaults().gateway(), java.util.Optional.empty(),
                    java.util.Optional.empty());
            types.add(AuthMethod.SESSION);

            assertThat(config.authMethods()).containsExactly(AuthMethod.BASIC);
            assertThatThrownBy(() -> config.authMethods().add(AuthMethod.SESSION)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void sessionLifetimesBeyondACenturyAreRefused() {
        assertThat(failure("SESSION_DURATION", "999999999999d").problems()).anySatisfy(p -> assertThat(p).contains("SESSION_DURATION"));
        assertThat(failure("SESSION_IDLE_TIMEOUT", "36501d").problems()).anySatisfy(p -> assertThat(p).contains("SESSION_IDLE_TIMEOUT"));
        assertThat(env("SESSION_DURATION", "36500d").sessionDuration()).isEqualTo(java.time.Duration.ofDays(36500));
    }

    @Test
    void theAdminPasswordIsTakenExactlyAsGivenWithoutTrimming() {
        GatehouseConfig config = env("GATEHOUSE_ADMIN_EMAIL", "root@example.com", "GATEHOUSE_ADMIN_PASSWORD", "  spaced secret  ");
        assertThat(config.adminPassword().orElseThrow().value()).isEqualTo("  spaced secret  ");
    }

    @Nested
    class Tokens {
        @Test
        void defaultsAreRs256WithGeneratedRotatingKeys() {
            TokenConfig tokens = env().tokens();
            assertThat(tokens.algorithm()).isEqualTo(dev.gatehouse.core.keys.SigningAlgorithm.RS256);
            assertThat(tokens.accessTtl()).isEqualTo(Duration.ofMinutes(15));
            assertThat(tokens.refreshTtl()).isEqualTo(Duration.ofDays(30));
            assertThat(tokens.rotateInterval()).isEqualTo(Duration.ofDays(30));
            assertThat(tokens.generatesKeys()).isTrue();
            assertThat(tokens.issuer()).isEmpty();
            assertThat(tokens.audience()).isEqualTo("gatehouse");
            assertThat(env().authMethods()).doesNotContain(AuthMethod.BEARER);
        }

        @Test
        void readsTheUnprefixedTokenSettings() {
            GatehouseConfig config = env("AUTH_TYPE", "jwt,session", "JWT_ALGORITHM", "hs512", "JWT_TTL", "30d", "JWT_REFRESH_TTL", "60d",
                    "JWT_ROTATE_INTERVAL", "0", "JWT_SECRET", "s".repeat(64), "GATEHOUSE_ISSUER", "https://auth.example.com");
            assertThat(config.authMethods()).contains(AuthMethod.BEARER, AuthMethod.SESSION);
            assertThat(config.tokens().algorithm()).isEqualTo(dev.gatehouse.core.keys.SigningAlgorithm.HS512);
            assertThat(config.tokens().accessTtl()).isEqualTo(Duration.ofDays(30));
            assertThat(config.tokens().rotateInterval()).isZero();
            assertThat(config.tokens().issuer()).hasValue("https://auth.example.com");
            assertThat(config.tokens().generatesKeys()).isFalse();
            assertThat(config.toString()).doesNotContain("ssssssss");
        }

        @Test
        void inconsistentKeySettingsAreRefusedTogether() {
            ConfigException e = failure("JWT_ALGORITHM", "none", "JWT_TTL", "0", "JWT_PRIVATE_KEY_FILE", "/no/such/key.pem",
                    "JWT_PUBLIC_KEY_FILE", "/no/such/key.pub", "GATEHOUSE_MASTER_KEY", "not-base64!");
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("JWT_ALGORITHM"))
                    .anySatisfy(p -> assertThat(p).contains("JWT_TTL"))
                    .anySatisfy(p -> assertThat(p).contains("JWT_PRIVATE_KEY_FILE"))
                    .anySatisfy(p -> assertThat(p).contains("GATEHOUSE_MASTER_KEY"));
            assertThat(failure("JWT_ALGORITHM", "RS256", "JWT_SECRET", "s".repeat(64)).problems())
                    .anySatisfy(p -> assertThat(p).contains("JWT_SECRET"));
            assertThat(failure("JWT_ROTATE_INTERVAL", "10m", "JWT_TTL", "15m").problems())
                    .anySatisfy(p -> assertThat(p).contains("JWT_ROTATE_INTERVAL"));
            assertThat(failure("JWT_ROTATE_INTERVAL", "30s", "JWT_TTL", "10s").problems())
                    .singleElement().asString().contains("at least 1m");
        }

        @Test
        void theAudienceMustNotBeTheIssuer() {
            // Third-party OpenID clients' tokens have the issuer as their audience, for /userinfo only.
            assertThat(failure("GATEHOUSE_ISSUER", "https://auth.example.com", "GATEHOUSE_AUDIENCE", "https://auth.example.com").problems())
                    .singleElement().asString().contains("GATEHOUSE_AUDIENCE");
            assertThat(failure("GATEHOUSE_PUBLIC_URL", "https://auth.example.com", "GATEHOUSE_AUDIENCE", "https://auth.example.com")
                    .problems()).singleElement().asString().contains("GATEHOUSE_AUDIENCE");
        }
    }

    @Nested
    class Rules {
        @org.junit.jupiter.api.io.TempDir
        java.nio.file.Path dir;

        @Test
        void unsetMeansNoRulesFile() {
            assertThat(env().rules()).isEmpty();
        }

        @Test
        void aReadableFileIsTaken() throws java.io.IOException {
            java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("rules.yaml"), "rules: []\n");
            assertThat(env("GATEHOUSE_RULES", file.toString()).rules()).hasValue(file);
            assertThat(ConfigLoader.load(Map.of(), Map.of(Setting.RULES, file.toString())).rules()).hasValue(file);
        }

        @Test
        void aMissingFileIsNamedWithTheOtherProblems() {
            String missing = dir.resolve("no-such-rules.yaml").toString();
            assertThat(failure("GATEHOUSE_RULES", missing, "API_PORT", "x").problems())
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).contains("GATEHOUSE_RULES", "--rules", "cannot be read", missing));
        }

        @Test
        void aDirectoryIsNotARulesFile() {
            assertThat(failure("GATEHOUSE_RULES", dir.toString()).problems())
                    .singleElement().asString().contains("GATEHOUSE_RULES", "cannot be read");
        }
    }

    @Nested
    class Registration {
        @Test
        void notOpenByDefault() {
            assertThat(env().registration()).isEqualTo(RegistrationMode.ADMIN);
        }

        @Test
        void eachModeByNameAndABadOneIsNamed() {
            assertThat(env("GATEHOUSE_REGISTRATION", "open").registration()).isEqualTo(RegistrationMode.OPEN);
            assertThat(env("GATEHOUSE_REGISTRATION", " Closed ").registration()).isEqualTo(RegistrationMode.CLOSED);
            assertThat(ConfigLoader.load(Map.of(), Map.of(Setting.REGISTRATION, "admin")).registration()).isEqualTo(RegistrationMode.ADMIN);
            assertThat(failure("GATEHOUSE_REGISTRATION", "yes").problems()).singleElement().asString()
                    .contains("GATEHOUSE_REGISTRATION", "open, admin, closed");
        }
    }

    @Nested
    class PublicUrls {
        @Test
        void theDefaultIsTheListeningAddress() {
            assertThat(env().publicUrl().origin()).isEqualTo("http://127.0.0.1:8080");
            assertThat(env().publicUrl().configured()).isFalse();
            assertThat(env("API_HOST", "::1", "API_PORT", "9000").publicUrl().origin()).isEqualTo("http://[::1]:9000");
        }

        @Test
        void aConfiguredOriginIsKeptWithoutItsDefaultPortOrTrailingSlash() {
            PublicUrl url = env("GATEHOUSE_PUBLIC_URL", "https://Auth.Example.com:443/").publicUrl();
            assertThat(url.origin()).isEqualTo("https://auth.example.com");
            assertThat(url.resolve("/.well-known/jwks.json")).isEqualTo("https://auth.example.com/.well-known/jwks.json");
            assertThat(url.configured()).isTrue();
            assertThat(env("GATEHOUSE_PUBLIC_URL", "http://auth.example.com:8443").publicUrl().origin()).isEqualTo("http://auth.example.com:8443");
        }

        @ParameterizedTest
        @ValueSource(strings = {"auth.example.com", "ftp://auth.example.com", "https://", "https://user:pw@auth.example.com",
                "https://auth.example.com/?a=1", "https://auth.example.com/#x", "https://auth.example.com/auth", "/login",
                "https://auth.example.com:0", "https://bad host"})
        void anythingButAnHttpOriginIsRefused(String bad) {
            assertThat(failure("GATEHOUSE_PUBLIC_URL", bad).problems()).singleElement().asString().contains("GATEHOUSE_PUBLIC_URL", "origin");
        }

        @Test
        void aRefusedUrlIsNotQuotedSinceItsUserInfoMayHoldAPassword() {
            assertThat(failure("GATEHOUSE_PUBLIC_URL", "https://admin:hunter22@auth.example.com").problems().getFirst()).doesNotContain("hunter22");
        }
    }
}
