package dev.gatehouse.core.support;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class MutableClockTest {

    @Test
    void movesOnlyWhenTold() {
        MutableClock clock = MutableClock.atFixedStart();
        Instant start = clock.instant();

        assertThat(start).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(clock.instant()).isEqualTo(start);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);

        clock.advance(Duration.ofMinutes(5));
        assertThat(clock.instant()).isEqualTo(start.plusSeconds(300));

        clock.set(Instant.EPOCH);
        assertThat(clock.millis()).isZero();
    }

    @Test
    void zonedViewSharesTheSameTime() {
        MutableClock clock = MutableClock.atFixedStart();
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofHours(1));

        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isEqualTo(clock.instant());
    }
}
