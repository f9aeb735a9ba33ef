package dev.gatehouse.bench.e2e;

import java.util.List;
import java.util.Locale;

/**
 * The report's table in Markdown: one row per scenario, the ratio taken to the baseline measured
 * right after the row when it has one, to the baseline row otherwise.
 */
public final class ResultTable {
    private ResultTable() {
    }

    public static String markdown(List<ScenarioResult> rows, String baselineScenario) {
        double baseline = rows.stream().filter(r -> r.scenario().equals(baselineScenario))
                .mapToDouble(ScenarioResult::requestsPerSecond).findFirst().orElse(Double.NaN);
        StringBuilder out = new StringBuilder();
        out.append("| scenario | requests/s | p50 ms | p99 ms | errors | vs baseline | note |\n");
        out.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioResult r : rows) {
            out.append("| ").append(r.scenario())
                    .append(" | ").append(number(r.requestsPerSecond(), 1))
                    .append(" | ").append(number(r.p50Millis(), 2))
                    .append(" | ").append(number(r.p99Millis(), 2))
                    .append(" | ").append(r.errors() < 0 ? "-" : Long.toString(r.errors()))
                    // a row measured without HTTP (no latency) is not compared with an HTTP baseline
                    .append(" | ").append(Double.isNaN(r.p50Millis()) ? "-"
                            : ratio(r.requestsPerSecond(), Double.isNaN(r.pairedBaseline()) ? baseline : r.pairedBaseline()))
                    .append(" | ").append(r.note() == null ? "" : r.note().replace("|", "/"))
                    .append(" |\n");
        }
        return out.toString();
    }

    static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String ratio(double value, double baseline) {
        if (Double.isNaN(value) || Double.isNaN(baseline) || baseline <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * value / baseline);
    }
}
