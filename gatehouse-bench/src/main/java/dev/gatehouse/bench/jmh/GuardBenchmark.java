package dev.gatehouse.bench.jmh;

import dev.gatehouse.core.keys.KeyGenerator;
import dev.gatehouse.core.keys.KeyRing;
import dev.gatehouse.core.keys.KeyRotationPolicy;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.token.AccessTokenIssuer;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import dev.gatehouse.middleware.GatehouseGuard;
import dev.gatehouse.middleware.GuardOutcome;
import dev.gatehouse.middleware.GuardedRequest;
import dev.gatehouse.middleware.RequestView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The middleware's whole decision on a request with a valid bearer token (RS256, verified-token
 * cache warm) over the 20 rules of {@link RulesBenchmark}: reading the path, the method overrides,
 * the token and the rules, as the Javalin plugin and the Servlet filter ask it.
 */
@State(Scope.Benchmark)
public class GuardBenchmark {
    /** Requests that take each extra reading the guard can make. */
    public enum Request {
        /** The common case: nothing to read twice. */
        PLAIN("GET", "/api/v1/users/me", Optional.empty(), Map.of()),
        /** The servlet filter's case: the container's own reading of the path to compare. */
        ROUTED("GET", "/api/v1/users/me", Optional.of("/api/v1/users/me"), Map.of()),
        /** Capitals in the path: judged folded and as written. */
        CAPITALS("GET", "/Api/V1/Users/Me", Optional.empty(), Map.of()),
        /** A method override header: judged as POST and as DELETE. */
        OVERRIDE("POST", "/api/v1/users/me", Optional.empty(), Map.of("X-HTTP-Method-Override", "DELETE"));

        final String method;
        final String path;
        final Optional<String> routed;
        final Map<String, String> headers;

        Request(String method, String path, Optional<String> routed, Map<String, String> headers) {
            this.method = method;
            this.path = path;
            this.routed = routed;
            this.headers = headers;
        }
    }

    @Param
    public Request request;

    private GatehouseGuard guard;
    private GuardedRequest target;
    private RequestView view;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        AccessTokenSettings settings = new AccessTokenSettings("https://auth.example.com", "gatehouse", AccessTokenSettings.DEFAULT_TTL);
        SigningKey key = KeyGenerator.generate(SigningAlgorithm.RS256);
        KeyRing ring = KeyRing.fixed(key, KeyRotationPolicy.none(settings.ttl()), now);
        User user = new User(UUID.randomUUID(), Optional.of("alice@example.com"), Optional.of("alice"), Optional.empty(),
                Optional.empty(), Optional.empty(), Role.ADMIN, "unused", now, now);
        String token = new AccessTokenIssuer(settings, clock).issue(user, key).token();
        guard = GatehouseGuard.builder(settings.issuer(), ring.verificationKeys()).rules(RulesBenchmark.realisticRules()).build();
        target = new GuardedRequest(request.method, "app.example.com", "", request.path, request.routed);
        Map<String, String> headers = new java.util.HashMap<>(request.headers);
        headers.put("Authorization", "Bearer " + token);
        headers.put("Accept", "application/json");
        view = new RequestView() {
            @Override
            public Optional<String> header(String name) {
                return Optional.ofNullable(headers.get(name));
            }

            @Override
            public Optional<String> cookie(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<String> queryParam(String name) {
                return Optional.empty();
            }
        };
    }

    @Benchmark
    public GuardOutcome check() {
        return guard.check(view, target);
    }
}
