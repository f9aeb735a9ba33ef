package dev.gatehouse.bench.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class E2eOptionsTest {
    @Test
    void theDefaultsAreIssueSixs() {
        E2eOptions options = E2eOptions.parse(new String[0]);

        assertThat(options.users()).isEqualTo(10_000);
        assertThat(options.sessions()).isEqualTo(10_000);
        assertThat(options.scaleSessions()).containsExactly(1_000, 1_000_000);
    }

    @Test
    void scaleSessionsTakesAListInAnyOrder() {
        E2eOptions options = E2eOptions.parse(new String[] {"--sessions", "500", "--scale-sessions", "2000, 100,2000"});

        assertThat(options.scaleSessions()).isEqualTo(List.of(100, 2000));
    }

    @Test
    void aScaleSizeBelowOneIsRefused() {
        assertThatThrownBy(() -> E2eOptions.parse(new String[] {"--scale-sessions", "1000,0"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--scale-sessions");
    }

    @Test
    void theBaselineBesideEachCheckRunsAThirdOfTheDurationAndAtLeastASecond() {
        assertThat(E2eOptions.parse(new String[0]).baselineSlice()).isEqualTo("2s");
        assertThat(E2eOptions.parse(new String[] {"--duration", "1m"}).baselineSlice()).isEqualTo("20s");
        assertThat(E2eOptions.parse(new String[] {"--duration", "30"}).baselineSlice()).isEqualTo("10s");
        assertThat(E2eOptions.parse(new String[] {"--duration", "2s"}).baselineSlice()).isEqualTo("1s");
    }
}
