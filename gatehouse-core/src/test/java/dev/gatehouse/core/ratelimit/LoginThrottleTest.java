package dev.gatehouse.core.ratelimit;

import dev.gatehouse.core.memory.InMemoryRateLimitStore;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    private static final String HOME = "203.0.113.7";
    private static final String ELSEWHERE = "198.51.100.9";
    private static final LoginThrottle.Account ADA = LoginThrottle.Account.user(UUID.fromString("00000000-0000-4000-8000-00000000000a"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new InMemoryRateLimitStore(), new LoginThrottle.Limits(3, 5, 6, 2, Duration.ofMinutes(15)), clock);

    private void fail(LoginThrottle.Account account, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.check(account, address)).isInstanceOf(ThrottleVerdict.Allowed.class);
            throttle.failed(account, address);
        }
    }

    private static String address(int i) {
        return "192.0.2." + i;
    }

    @Test
    void anAccountIsRefusedFromAnAddressAfterTheLimitUntilTheWindowEnds() {
        clock.advance(Duration.ofMinutes(5));
        fail(ADA, HOME, 3);

        assertThat(throttle.check(ADA, HOME)).isEqualTo(new ThrottleVerdict.Refused(Duration.ofMinutes(10)));
        assertThat(throttle.check(ADA, ELSEWHERE)).as("the owner elsewhere is not locked out").isInstanceOf(ThrottleVerdict.Allowed.class);

        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.check(ADA, HOME)).isInstanceOf(ThrottleVerdict.Allowed.class);
    }

    @Test
    void anAddressSprayingManyAccountsIsRefusedForAll() {
        for (int i = 0; i < 5; i++) {
            fail(LoginThrottle.Account.unknownLogin("user" + i), HOME, 1);
        }
        assertThat(throttle.check(ADA, HOME)).isInstanceOf(ThrottleVerdict.Refused.class);
        assertThat(throttle.check(ADA, ELSEWHERE)).isInstanceOf(ThrottleVerdict.Allowed.class);
    }

    @Test
    void guessesSpreadOverManyAddressesAreSpacedOutWithDoublingWaitsUpToAMinute() {
        for (int i = 0; i < 6; i++) {
            fail(ADA, address(i), 1);
        }
        assertThat(throttle.check(ADA, address(100))).as("the first attempt past the limit passes the gate").isInstanceOf(ThrottleVerdict.Allowed.class);
        throttle.failed(ADA, address(100));
        assertThat(throttle.check(ADA, address(101))).isEqualTo(new ThrottleVerdict.Refused(Duration.ofSeconds(1)));

        Duration expected = Duration.ofSeconds(2);
        for (int guess = 0; guess < 10; guess++) {
            clock.advance(((ThrottleVerdict.Refused) throttle.check(ADA, address(200 + guess))).retryAfter());
            assertThat(throttle.check(ADA, address(300 + guess))).isInstanceOf(ThrottleVerdict.Allowed.class);
            throttle.failed(ADA, address(300 + guess));
            assertThat(throttle.check(ADA, address(400 + guess))).as("guess %d", guess).isEqualTo(new ThrottleVerdict.Refused(expected));
            expected = expected.multipliedBy(2).compareTo(LoginThrottle.MAX_DELAY) > 0 ? LoginThrottle.MAX_DELAY : expected.multipliedBy(2);
        }
        assertThat(expected).isEqualTo(LoginThrottle.MAX_DELAY);
    }

    @Test
    void oneAddressAloneNeverSlowsTheOwnerElsewhere() {
        fail(ADA, HOME, 3);
        clock.advance(Duration.ofMinutes(15));
        fail(ADA, HOME, 3);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.check(ADA, ELSEWHERE)).isInstanceOf(ThrottleVerdict.Allowed.class);
        }
    }

    @Test
    void theOwnerAtAnAddressWhereTheySignedInSkipsTheGate() {
        throttle.succeeded(ADA, HOME);
        clock.advance(Duration.ofDays(29));
        for (int i = 0; i < 7; i++) {
            fail(ADA, address(i), 1);
        }
        assertThat(throttle.check(ADA, ELSEWHERE)).isInstanceOf(ThrottleVerdict.Refused.class);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.check(ADA, HOME)).as("known for at least 30 days").isInstanceOf(ThrottleVerdict.Allowed.class);
        }
        clock.advance(Duration.ofDays(32));
        for (int i = 0; i < 7; i++) {
            fail(ADA, address(i), 1);
        }
        assertThat(throttle.check(ADA, HOME)).as("forgotten after at most 60 days").isInstanceOf(ThrottleVerdict.Refused.class);
    }

    @Test
    void aSuccessForgivesTheAccountsFailuresFromThatAddressAndOpensTheGate() {
        fail(ADA, HOME, 2);
        throttle.succeeded(ADA, HOME);
        fail(ADA, HOME, 2);
        assertThat(throttle.check(ADA, HOME)).isInstanceOf(ThrottleVerdict.Allowed.class);

        for (int i = 0; i < 2; i++) {
            fail(ADA, address(i), 1);
        }
        assertThat(throttle.check(ADA, ELSEWHERE)).as("the gate closes behind this attempt").isInstanceOf(ThrottleVerdict.Allowed.class);
        throttle.succeeded(ADA, ELSEWHERE);
        assertThat(throttle.check(ADA, address(50))).as("opened by the success").isInstanceOf(ThrottleVerdict.Allowed.class);
    }

    @Test
    void registrationsAreCountedPerAddressPerHour() {
        assertThat(throttle.registering(HOME)).isInstanceOf(ThrottleVerdict.Allowed.class);
        assertThat(throttle.registering(HOME)).isInstanceOf(ThrottleVerdict.Allowed.class);
        assertThat(throttle.registering(HOME)).isEqualTo(new ThrottleVerdict.Refused(Duration.ofHours(1)));
        assertThat(throttle.registering(ELSEWHERE)).isInstanceOf(ThrottleVerdict.Allowed.class);
        clock.advance(Duration.ofHours(1));
        assertThat(throttle.registering(HOME)).isInstanceOf(ThrottleVerdict.Allowed.class);
    }

    @Test
    void registrationsFromOneIpv6BlockAreCountedTogether() {
        assertThat(throttle.registering("2001:db8:0:aa::1")).isInstanceOf(ThrottleVerdict.Allowed.class);
        assertThat(throttle.registering("2001:db8:0:aa:ffff:1:2:3")).isInstanceOf(ThrottleVerdict.Allowed.class);
        assertThat(throttle.registering("2001:0db8:0000:00aa::9")).as("the same /64, written otherwise").isInstanceOf(ThrottleVerdict.Refused.class);
        assertThat(throttle.registering("2001:db8:0:ab::1")).as("the next /64").isInstanceOf(ThrottleVerdict.Allowed.class);
        assertThat(LoginThrottle.registrationBlock("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(LoginThrottle.registrationBlock("::ffff:192.0.2.7")).as("an IPv4-mapped address is the IPv4 one").isEqualTo("::ffff:192.0.2.7");
        assertThat(LoginThrottle.registrationBlock("not:an-address")).isEqualTo("not:an-address");
    }

    @Test
    void zeroLimitsTurnItOff() {
        LoginThrottle off = new LoginThrottle(new InMemoryRateLimitStore(), LoginThrottle.Limits.OFF, clock);
        for (int i = 0; i < 1000; i++) {
            off.failed(ADA, HOME);
            assertThat(off.registering(HOME)).isInstanceOf(ThrottleVerdict.Allowed.class);
        }
        assertThat(off.check(ADA, HOME)).isInstanceOf(ThrottleVerdict.Allowed.class);
    }
}
