package dev.gatehouse.middleware;

import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.core.token.AccessTokenCheck;
import dev.gatehouse.core.token.AccessTokenSettings;
import dev.gatehouse.core.token.AccessTokenVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JwksKeysTest {
    private RunningGatehouse gatehouse;
    private final MutableClock clock = MutableClock.atFixedStart();

    @BeforeEach
    void start() throws Exception {
        gatehouse = new RunningGatehouse();
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private AccessTokenVerifier verifier(JwksKeys keys) {
        return new AccessTokenVerifier(new AccessTokenSettings(RunningGatehouse.ISSUER, "gatehouse", AccessTokenSettings.DEFAULT_TTL), keys, Clock.systemUTC());
    }

    @Test
    void keysAreCachedAndAnUnknownKidRefetchesAtMostOncePerWindow() throws Exception {
        JwksKeys keys = new JwksKeys(gatehouse.jwks(), clock);
        AccessTokenVerifier verifier = verifier(keys);
        String token = gatehouse.adaToken();

        assertThat(verifier.verify(token)).isInstanceOf(AccessTokenCheck.Valid.class);
        assertThat(verifier.verify(token)).isInstanceOf(AccessTokenCheck.Valid.class);
        assertThat(keys.fetches()).isEqualTo(1);

        // Garbage kids right after a fetch: no fetch at all, however many.
        for (int i = 0; i < 20; i++) {
            assertThat(keys.find("garbage-" + i)).isEmpty();
        }
        assertThat(keys.fetches()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        assertThat(keys.find("garbage-a")).isEmpty();
        assertThat(keys.find("garbage-b")).isEmpty();
        assertThat(keys.fetches()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(29));
        assertThat(keys.find("garbage-c")).isEmpty();
        assertThat(keys.fetches()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(keys.find("garbage-d")).isEmpty();
        assertThat(keys.fetches()).isEqualTo(3);

        // A known kid within the max-age costs nothing.
        assertThat(keys.find(kid(token))).isPresent();
        assertThat(keys.fetches()).isEqualTo(3);
    }

    @Test
    void theRefetchWindowIsConfigurable() throws Exception {
        JwksKeys keys = new JwksKeys(gatehouse.jwks(), clock, Duration.ofMinutes(2), JwksKeys.DEFAULT_TIMEOUT);
        assertThat(keys.find("garbage")).isEmpty();
        assertThat(keys.fetches()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(119));
        assertThat(keys.find("garbage")).isEmpty();
        assertThat(keys.fetches()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(keys.find("garbage")).isEmpty();
        assertThat(keys.fetches()).isEqualTo(2);
    }

    @Test
    void expiredKeysAreRefetched() throws Exception {
        JwksKeys keys = new JwksKeys(gatehouse.jwks(), clock);
        String kid = kid(gatehouse.adaToken());
        assertThat(keys.find(kid)).isPresent();
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(keys.find(kid)).isPresent();
        assertThat(keys.fetches()).isEqualTo(2);
    }

    @Test
    void whenTheServerIsDownKnownKeysStillVerifyAndUnknownKidsAreRefused() throws Exception {
        JwksKeys keys = new JwksKeys(gatehouse.jwks(), clock, JwksKeys.DEFAULT_MIN_REFETCH, Duration.ofSeconds(2));
        AccessTokenVerifier verifier = verifier(keys);
        String token = gatehouse.adaToken();
        assertThat(verifier.verify(token)).isInstanceOf(AccessTokenCheck.Valid.class);

        gatehouse.close();
        clock.advance(Duration.ofDays(2));
        assertThat(verifier.verify(token)).isInstanceOf(AccessTokenCheck.Valid.class);
        assertThat(keys.fetches()).isEqualTo(2);
        assertThat(keys.find("unknown")).isEmpty();
        assertThat(verifier.verify(RunningGatehouse.tampered(token))).isInstanceOf(AccessTokenCheck.Invalid.class);
    }

    @Test
    void nothingVerifiesWhenTheKeysNeverCame() {
        JwksKeys keys = new JwksKeys(URI.create("http://127.0.0.1:" + gatehouse.server.port() + "/nothing"), clock);
        assertThat(keys.find("any")).isEmpty();
        assertThat(keys.fetches()).isEqualTo(1);
    }

    @Test
    void maxAgeComesFromCacheControl() {
        assertThat(JwksKeys.maxAge(Optional.empty())).isEqualTo(JwksKeys.DEFAULT_MAX_AGE);
        assertThat(JwksKeys.maxAge(Optional.of("public, max-age=600"))).isEqualTo(Duration.ofSeconds(600));
        assertThat(JwksKeys.maxAge(Optional.of("public, s-maxage=9, max-age=60"))).isEqualTo(Duration.ofSeconds(60));
        assertThat(JwksKeys.maxAge(Optional.of("max-age=99999999"))).isEqualTo(Duration.ofDays(1));
        assertThat(JwksKeys.maxAge(Optional.of("no-store"))).isEqualTo(Duration.ZERO);
        assertThat(JwksKeys.maxAge(Optional.of("public"))).isEqualTo(JwksKeys.DEFAULT_MAX_AGE);
    }
}
