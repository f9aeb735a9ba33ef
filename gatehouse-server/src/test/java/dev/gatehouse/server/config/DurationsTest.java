package dev.gatehouse.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

    @Test
    void parsesEachUnit() {
        assertThat(Durations.parse("30d")).contains(Duration.ofDays(30));
        assertThat(Durations.parse("12h")).contains(Duration.ofHours(12));
        assertThat(Durations.parse("15m")).contains(Duration.ofMinutes(15));
        assertThat(Durations.parse("45s")).contains(Duration.ofSeconds(45));
        assertThat(Durations.parse("2w")).contains(Duration.ofDays(14));
    }

    @Test
    void plainNumberIsSeconds() {
        assertThat(Durations.parse("90")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("0")).contains(Duration.ZERO);
    }

    @Test
    void toleratesCaseAndSurroundingOrInnerSpace() {
        assertThat(Durations.parse("30D")).contains(Duration.ofDays(30));
        assertThat(Durations.parse("  12h ")).contains(Duration.ofHours(12));
        assertThat(Durations.parse("15 m")).contains(Duration.ofMinutes(15));
    }

    @Test
    void minutesAreNotMonths() {
        assertThat(Durations.parse("1m")).contains(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "soon", "d", "30x", "30dd", "-5s", "+5s", "1.5h", "1,5h", "5 5", "h12", "30d ago",
            "1234567890123", "٣٠d", "PT30S", "30ms"})
    void badInputsAreEmpty(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @Test
    void largestAcceptedAmountDoesNotOverflow() {
        assertThat(Durations.parse("999999999999")).contains(Duration.ofSeconds(999_999_999_999L));
        assertThat(Durations.parse("999999999999w")).contains(Duration.ofDays(999_999_999_999L * 7));
    }
}
