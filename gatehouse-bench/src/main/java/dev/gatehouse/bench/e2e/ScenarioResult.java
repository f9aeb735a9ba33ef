package dev.gatehouse.bench.e2e;

/**
 * One row of the report: a scenario and what wrk (or the in-process hash loop) measured for it.
 *
 * @param pairedBaseline the baseline's requests/s measured on the same server right after this
 *                       row, which the row's ratio is taken to; NaN when the row has none and is
 *                       held against the run's baseline row
 */
public record ScenarioResult(String scenario, double requestsPerSecond, double p50Millis, double p99Millis,
                             long errors, String note, double pairedBaseline) {

    public ScenarioResult(String scenario, double requestsPerSecond, double p50Millis, double p99Millis, long errors, String note) {
        this(scenario, requestsPerSecond, p50Millis, p99Millis, errors, note, Double.NaN);
    }

    static ScenarioResult of(String scenario, WrkResult wrk, String note) {
        return new ScenarioResult(scenario, wrk.okPerSecond(), wrk.p50Micros() / 1000.0, wrk.p99Micros() / 1000.0,
                wrk.errors(), note);
    }

    ScenarioResult withNote(String newNote) {
        return new ScenarioResult(scenario, requestsPerSecond, p50Millis, p99Millis, errors, newNote, pairedBaseline);
    }

    ScenarioResult pairedWith(double baselinePerSecond) {
        return new ScenarioResult(scenario, requestsPerSecond, p50Millis, p99Millis, errors, note, baselinePerSecond);
    }

    /** A row measured without HTTP (the raw hash rate): no latency, no errors. */
    static ScenarioResult raw(String scenario, double perSecond, String note) {
        return new ScenarioResult(scenario, perSecond, Double.NaN, Double.NaN, 0, note);
    }

    static ScenarioResult failed(String scenario, String why) {
        return new ScenarioResult(scenario, Double.NaN, Double.NaN, Double.NaN, -1, why);
    }
}
