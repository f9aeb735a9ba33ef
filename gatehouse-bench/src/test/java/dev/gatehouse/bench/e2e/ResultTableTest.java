package dev.gatehouse.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void oneRowPerScenarioWithTheRatioToTheBaseline() {
        List<ScenarioResult> rows = List.of(
                ScenarioResult.raw("raw hashes", 44.25, "2 threads"),
                ScenarioResult.of("baseline", new WrkResult(20_000, 2_000_000, 1_500, 12_250, 0, 0), ""),
                ScenarioResult.of("verify cookie", new WrkResult(15_000, 2_000_000, 2_000, 20_000, 0, 11), "one | session"),
                ScenarioResult.failed("verify bearer ES256", "wrk failed"));

        String table = ResultTable.markdown(rows, "baseline");

        assertThat(table.lines().toList()).containsExactly(
                "| scenario | requests/s | p50 ms | p99 ms | errors | vs baseline | note |",
                "|---|---:|---:|---:|---:|---:|---|",
                "| raw hashes | 44.3 | - | - | 0 | - | 2 threads |",
                "| baseline | 10,000.0 | 1.50 | 12.25 | 0 | 100.0% |  |",
                "| verify cookie | 7,500.0 | 2.00 | 20.00 | 11 | 75.0% | one / session |",
                "| verify bearer ES256 | - | - | - | - | - | wrk failed |");
    }

    @Test
    void withoutABaselineRowNoRatioIsGiven() {
        String table = ResultTable.markdown(
                List.of(ScenarioResult.of("login", new WrkResult(90, 3_000_000, 700_000, 900_000, 0, 0), "")), "baseline");

        assertThat(table).contains("| login | 30.0 | 700.00 | 900.00 | 0 | - |  |");
    }

    @Test
    void aRowWithABaselineOfItsOwnIsHeldAgainstThatOne() {
        List<ScenarioResult> rows = List.of(
                ScenarioResult.of("baseline", new WrkResult(20_000, 2_000_000, 1_500, 12_250, 0, 0), ""),
                ScenarioResult.of("verify basic", new WrkResult(16_000, 2_000_000, 2_000, 20_000, 0, 0), "").pairedWith(8_000));

        assertThat(ResultTable.markdown(rows, "baseline")).contains("| verify basic | 8,000.0 | 2.00 | 20.00 | 0 | 100.0% |  |");
    }
}
