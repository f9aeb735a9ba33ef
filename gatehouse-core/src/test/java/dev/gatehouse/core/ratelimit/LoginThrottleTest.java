package dev.gatehouse.core.ratelimit;

import dev.gatehouse.core.memory.InMemoryRateLimitStore;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    private static final String HOME = "203.0.113.7";
    private static final String ELSEWHERE = "198.51.100.9";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new InMemoryRateLimitStore(), new LoginThrottle.Limits(3, 5, Duration.ofMinutes(15)), clock);

    private void fail(String login, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.check(login, address)).isInstanceOf(ThrottleVerdict.Allowed.class);
            throttle.failed(login, address);
        }
    }

    @Test
    void aLoginIsRefusedFromAnAddressAfterTheLimitUntilTheWindowEnds() {
        clock.advance(Duration.ofMinutes(5));
        fail("ada@example.com", HOME, 3);

        ThrottleVerdict verdict = throttle.check("ADA@example.com ", HOME);
        assertThat(verdict).isEqualTo(new ThrottleVerdict.Refused(Duration.ofMinutes(10)));
        assertThat(throttle.check("ada@example.com", ELSEWHERE)).as("the owner elsewhere is not locked out")
                .isInstanceOf(ThrottleVerdict.Allowed.class);

        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.check("ada@example.com", HOME)).isInstanceOf(ThrottleVerdict.Allowed.class);
    }

    @Test
    void anAddressSprayingManyLoginsIsRefusedForAll() {
        for (int i = 0; i < 5; i++) {
            fail("user" + i, HOME, 1);
        }
        assertThat(throttle.check("someone-new", HOME)).isInstanceOf(ThrottleVerdict.Refused.class);
        assertThat(throttle.check("someone-new", ELSEWHERE)).isInstanceOf(ThrottleVerdict.Allowed.class);
    }

    @Test
    void aSuccessForgivesTheLoginsFailuresFromThatAddress() {
        fail("ada", HOME, 2);
        throttle.succeeded("ada", HOME);
        fail("ada", HOME, 2);
        assertThat(throttle.check("ada", HOME)).isInstanceOf(ThrottleVerdict.Allowed.class);
    }

    @Test
    void zeroLimitsTurnItOff() {
        LoginThrottle off = new LoginThrottle(new InMemoryRateLimitStore(), LoginThrottle.Limits.OFF, clock);
        for (int i = 0; i < 1000; i++) {
            off.failed("ada", HOME);
        }
        assertThat(off.check("ada", HOME)).isInstanceOf(ThrottleVerdict.Allowed.class);
    }
}
