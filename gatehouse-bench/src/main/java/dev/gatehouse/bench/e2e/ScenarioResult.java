package dev.gatehouse.bench.e2e;

/** One row of the report: a scenario and what wrk (or the in-process hash loop) measured for it. */
public record ScenarioResult(String scenario, double requestsPerSecond, double p50Millis, double p99Millis,
                             long errors, String note) {

    static ScenarioResult of(String scenario, WrkResult wrk, String note) {
        return new ScenarioResult(scenario, wrk.okPerSecond(), wrk.p50Micros() / 1000.0, wrk.p99Micros() / 1000.0,
                wrk.errors(), note);
    }

    /** A row measured without HTTP (the raw hash rate): no latency, no errors. */
    static ScenarioResult raw(String scenario, double perSecond, String note) {
        return new ScenarioResult(scenario, perSecond, Double.NaN, Double.NaN, 0, note);
    }

    static ScenarioResult failed(String scenario, String why) {
        return new ScenarioResult(scenario, Double.NaN, Double.NaN, Double.NaN, -1, why);
    }
}
