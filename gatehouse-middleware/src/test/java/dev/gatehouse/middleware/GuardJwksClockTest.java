package dev.gatehouse.middleware;

import dev.gatehouse.core.support.MutableClock;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A guard built from a JWKS address times its key fetches by the builder's clock, not the machine's. */
class GuardJwksClockTest {
    private final AtomicInteger fetches = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.now());
    private Javalin jwks;

    @BeforeEach
    void serveAnEmptyKeySet() {
        jwks = Javalin.create(config -> config.routes.get("/jwks.json", ctx -> {
            fetches.incrementAndGet();
            ctx.contentType("application/json").result("{\"keys\":[]}");
        })).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        jwks.stop();
    }

    /** A token naming a key the set does not hold: each check asks for the set, as often as the refetch limit allows. */
    private static RequestView bearerOfAnUnknownKey() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"unknown\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString("{\"sub\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        String token = header + "." + claims + "." + b64.encodeToString(new byte[256]);
        return new HeadersOnly(Map.of("Authorization", "Bearer " + token));
    }

    @Test
    void theRefetchLimitIsCountedOnTheBuildersClock() {
        GatehouseGuard guard = GatehouseGuard.builder("https://auth.example", URI.create("http://127.0.0.1:" + jwks.port() + "/jwks.json"))
                .clock(clock).build();
        RequestView request = bearerOfAnUnknownKey();

        assertThat(guard.check(request, GuardedRequest.of("GET", "app.example", "/private"))).isInstanceOf(GuardOutcome.Unauthorized.class);
        assertThat(guard.check(request, GuardedRequest.of("GET", "app.example", "/private"))).isInstanceOf(GuardOutcome.Unauthorized.class);
        assertThat(fetches).hasValue(1);

        clock.advance(JwksKeys.DEFAULT_MIN_REFETCH.plus(Duration.ofSeconds(1)));
        assertThat(guard.check(request, GuardedRequest.of("GET", "app.example", "/private"))).isInstanceOf(GuardOutcome.Unauthorized.class);
        assertThat(fetches).hasValue(2);
    }
}
