package dev.gatehouse.http;

import dev.gatehouse.core.access.ReturnUrls;
import dev.gatehouse.core.access.TrustedProxies;
import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.keys.KeySource;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.ratelimit.LoginThrottle;
import dev.gatehouse.core.secrets.Secret;
import dev.gatehouse.core.session.SessionPolicy;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.oidc.DynamicRegistration;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings a test names in the server's environment spelling ({@code AUTH_TYPE},
 * {@code SESSION_DURATION}...), read into the typed values the edge and the services take. The
 * server's own reader and its validation live in gatehouse-server; a name this reader does not know
 * fails the test rather than being ignored.
 */
record TestSettings(HttpSettings http, SessionPolicy sessions, LoginThrottle.Limits loginLimits, KeySource keys,
                    AccessTokenSettings accessTokens, Duration refreshTtl, Optional<Secret> tokenServiceSecret) {
    static final String ISSUER = "http://127.0.0.1";

    static TestSettings read(Map<String, String> settings) {
        Map<String, String> left = new HashMap<>(settings);
        HttpSettings defaults = HttpSettings.defaults(PublicUrl.listeningOn("127.0.0.1", 0));
        Set<AuthMethod> methods = take(left, "AUTH_TYPE").map(TestSettings::methods).orElse(defaults.authMethods());
        String cookie = take(left, "SESSION_NAME").orElse(defaults.sessionCookieName());
        boolean secure = take(left, "GATEHOUSE_COOKIE_SECURE").map(Boolean::parseBoolean).orElse(false);
        RegistrationMode registration = take(left, "GATEHOUSE_REGISTRATION").map(name -> RegistrationMode.fromName(name).orElseThrow())
                .orElse(defaults.registration());
        PublicUrl publicUrl = take(left, "GATEHOUSE_PUBLIC_URL").map(url -> PublicUrl.parse(url).orElseThrow()).orElse(defaults.publicUrl());
        Optional<Secret> introspection = take(left, "GATEHOUSE_INTROSPECTION_SECRET").map(Secret::new);
        ForwardAuthSettings forwardAuth = new ForwardAuthSettings(
                take(left, "GATEHOUSE_TRUSTED_PROXIES").map(TrustedProxies::parse).orElse(TrustedProxies.loopbackOnly()),
                ForwardAuthSettings.DEFAULT_LOGIN_URL,
                take(left, "GATEHOUSE_ALLOWED_REDIRECT_HOSTS").map(ReturnUrls::parse).orElse(ReturnUrls.of(Set.of())),
                ForwardAuthSettings.DEFAULT_HEADER_PREFIX,
                take(left, "GATEHOUSE_FORWARD_AUTH_PROXY").map(name -> ForwardAuthProxy.parse(name).orElseThrow()).orElse(ForwardAuthProxy.DEFAULT));
        Optional<String> registrationToken = take(left, "GATEHOUSE_CLIENT_REGISTRATION_TOKEN");
        Optional<DynamicRegistration.Access> clientRegistration = take(left, "GATEHOUSE_CLIENT_REGISTRATION").flatMap(mode -> switch (mode) {
            case "off" -> Optional.empty();
            case "open" -> Optional.of(new DynamicRegistration.Access.Open());
            case "token" -> Optional.of(new DynamicRegistration.Access.WithToken(registrationToken.orElseThrow()));
            default -> throw new IllegalArgumentException("GATEHOUSE_CLIENT_REGISTRATION " + mode);
        });
        HttpSettings http = new HttpSettings(methods, cookie, secure, defaults.maxBodyBytes(), registration, publicUrl, introspection, forwardAuth,
                clientRegistration);

        SessionPolicy sessions = new SessionPolicy(duration(left, "SESSION_DURATION", Duration.ZERO), duration(left, "SESSION_IDLE_TIMEOUT", Duration.ZERO));
        LoginThrottle.Limits d = LoginThrottle.Limits.DEFAULT;
        int perAccountAndAddress = number(left, "GATEHOUSE_LOGIN_MAX_FAILURES", d.perAccountAndAddress());
        LoginThrottle.Limits limits = new LoginThrottle.Limits(perAccountAndAddress,
                number(left, "GATEHOUSE_LOGIN_MAX_FAILURES_PER_ADDRESS", d.perAddress()),
                number(left, "GATEHOUSE_LOGIN_MAX_FAILURES_PER_ACCOUNT", LoginThrottle.Limits.defaultPerAccount(perAccountAndAddress)),
                number(left, "GATEHOUSE_REGISTRATION_MAX_PER_ADDRESS", d.registrationsPerAddress()),
                duration(left, "GATEHOUSE_LOGIN_FAILURE_WINDOW", d.window()));

        SigningAlgorithm algorithm = take(left, "JWT_ALGORITHM").map(name -> SigningAlgorithm.fromName(name).orElseThrow())
                .orElse(SigningAlgorithm.RS256);
        Duration accessTtl = duration(left, "JWT_TTL", Duration.ofMinutes(15));
        KeySource keys = new KeySource.Generated(algorithm, duration(left, "JWT_ROTATE_INTERVAL", Duration.ofDays(30)), Optional.empty());
        Optional<Secret> tokenServiceSecret = take(left, "TOKEN_SERVICE_SECRET").map(Secret::new);
        String issuer = take(left, "GATEHOUSE_ISSUER").orElse(ISSUER);
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("TestSettings does not read " + left.keySet());
        }
        return new TestSettings(http, sessions, limits, keys, new AccessTokenSettings(issuer, "gatehouse", accessTtl), Duration.ofDays(30),
                tokenServiceSecret);
    }

    private static Optional<String> take(Map<String, String> settings, String name) {
        return Optional.ofNullable(settings.remove(name));
    }

    private static Duration duration(Map<String, String> settings, String name, Duration fallback) {
        // Seconds only: the server reads the human spellings (15m, 12h); these tests only need a number.
        return take(settings, name).map(text -> Duration.ofSeconds(Long.parseLong(text))).orElse(fallback);
    }

    private static int number(Map<String, String> settings, String name, int fallback) {
        return take(settings, name).map(Integer::parseInt).orElse(fallback);
    }

    private static Set<AuthMethod> methods(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).map(name -> switch (name) {
            case "basic" -> AuthMethod.BASIC;
            case "session" -> AuthMethod.SESSION;
            case "jwt" -> AuthMethod.BEARER;
            default -> throw new IllegalArgumentException("unknown method " + name);
        }).collect(Collectors.toCollection(() -> EnumSet.noneOf(AuthMethod.class)));
    }
}
