package dev.gatehouse.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkResultTest {
    private static final String WRK_OUTPUT = """
            Running 3s test @ http://127.0.0.1:18555/api/v1/users/me
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    99.48ms   78.90ms 547.55ms   76.84%
                Req/Sec   338.24    204.83   730.00     54.55%
              1948 requests in 3.02s, 755.23KB read
              Non-2xx or 3xx responses: 48
            Requests/sec:    645.92
            Transfer/sec:    250.42KB
            GATEHOUSE_RESULT requests=1948 duration_us=3000000 p50_us=74933 p99_us=338333 status_errors=48 socket_errors=2
            """;

    @Test
    void readsTheResultLineAmongWrksOwnOutput() {
        WrkResult r = WrkResult.parse(WRK_OUTPUT).orElseThrow();

        assertThat(r).isEqualTo(new WrkResult(1948, 3_000_000, 74_933, 338_333, 48, 2));
        assertThat(r.errors()).isEqualTo(50);
        assertThat(r.okPerSecond()).isEqualTo(1900 / 3.0);
    }

    @Test
    void outputWithoutTheResultLineGivesNothing() {
        assertThat(WrkResult.parse("unable to connect to 127.0.0.1:1 Connection refused\n")).isEmpty();
    }

    @Test
    void aResultLineMissingAFieldIsRejectedNamingIt() {
        assertThatThrownBy(() -> WrkResult.parse("GATEHOUSE_RESULT requests=1 duration_us=1 p50_us=1 p99_us=1 status_errors=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("socket_errors");
    }

    @Test
    void aRunOfZeroDurationHasNoRate() {
        assertThat(new WrkResult(0, 0, 0, 0, 0, 0).okPerSecond()).isZero();
    }
}
