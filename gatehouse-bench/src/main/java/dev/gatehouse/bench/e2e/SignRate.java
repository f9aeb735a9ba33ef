package dev.gatehouse.bench.e2e;

import dev.gatehouse.core.keys.KeyGenerator;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.token.AccessTokenIssuer;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Raw access-token signatures per second in the driver's own JVM: the server's issuer and a key
 * of the server's algorithm, one thread per core. A refresh rotation signs one access token, so
 * this is the rate the refresh row is held against.
 */
final class SignRate {
    private static final int WARM_UP = 2_000;

    private SignRate() {
    }

    static double measure(SigningAlgorithm algorithm, int threads, double seconds) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        AccessTokenIssuer issuer = new AccessTokenIssuer(new AccessTokenSettings("http://127.0.0.1", "gatehouse",
                AccessTokenSettings.DEFAULT_TTL), clock);
        SigningKey key = KeyGenerator.generate(algorithm);
        User user = new User(UUID.randomUUID(), Optional.of("bench@bench.test"), Optional.of("bench"), Optional.empty(),
                Optional.empty(), Optional.empty(), Role.COMMON, "unused", now, now);
        for (int i = 0; i < WARM_UP; i++) {
            issuer.issue(user, key);
        }
        return RawRate.perSecond(threads, seconds, () -> issuer.issue(user, key));
    }
}
