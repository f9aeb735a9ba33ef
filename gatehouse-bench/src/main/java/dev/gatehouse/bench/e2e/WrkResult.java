package dev.gatehouse.bench.e2e;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one wrk run measured, read from the line lua/common.lua's {@code done} prints:
 * {@code GATEHOUSE_RESULT requests=N duration_us=N p50_us=N p99_us=N status_errors=N socket_errors=N}.
 */
public record WrkResult(long requests, long durationMicros, long p50Micros, long p99Micros,
                        long statusErrors, long socketErrors) {

    static final String MARKER = "GATEHOUSE_RESULT";
    private static final Pattern FIELD = Pattern.compile("([a-z0-9_]+)=(\\d+)");

    /** The result line in wrk's whole output, if wrk got as far as printing it. */
    public static Optional<WrkResult> parse(String wrkOutput) {
        for (String line : wrkOutput.split("\\R")) {
            int at = line.indexOf(MARKER);
            if (at < 0) {
                continue;
            }
            Map<String, Long> fields = new HashMap<>();
            Matcher m = FIELD.matcher(line.substring(at + MARKER.length()));
            while (m.find()) {
                fields.put(m.group(1), Long.parseLong(m.group(2)));
            }
            String[] names = {"requests", "duration_us", "p50_us", "p99_us", "status_errors", "socket_errors"};
            for (String name : names) {
                if (!fields.containsKey(name)) {
                    throw new IllegalArgumentException("wrk result line lacks " + name + ": " + line);
                }
            }
            return Optional.of(new WrkResult(fields.get("requests"), fields.get("duration_us"), fields.get("p50_us"),
                    fields.get("p99_us"), fields.get("status_errors"), fields.get("socket_errors")));
        }
        return Optional.empty();
    }

    /** Answers with a status above 399 plus socket errors. */
    public long errors() {
        return statusErrors + socketErrors;
    }

    /** Answers that were not errors, per second of the run. */
    public double okPerSecond() {
        if (durationMicros <= 0) {
            return 0;
        }
        return Math.max(0, requests - statusErrors) * 1_000_000.0 / durationMicros;
    }
}
