package dev.gatehouse.http;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-route request counts, errors and latency (HdrHistogram, so p99 is exact to 3 digits
 * without keeping every sample). Routes are keyed by method and route pattern, so
 * {@code /users/{id}} is one row however many ids are asked for.
 */
public final class RouteStatistics {
    static final String UNMATCHED = "(no route)";

    private final Map<String, RouteCounters> routes = new ConcurrentHashMap<>();

    /** No route seen yet; {@link GatehouseHttp#create} records into it as requests are answered. */
    public RouteStatistics() {
    }

    void record(String route, int status, long micros) {
        routes.computeIfAbsent(route, r -> new RouteCounters()).record(status, micros);
    }

    /**
     * Requests per route, sorted by route.
     *
     * @return a copy: each route (method and pattern) to the number of requests answered
     */
    public Map<String, Long> requestCounts() {
        Map<String, Long> counts = new TreeMap<>();
        routes.forEach((route, c) -> counts.put(route, c.requests.sum()));
        return counts;
    }

    /**
     * A plain-text table: route, requests, errors (status >= 400), mean and p99 latency.
     *
     * @return the table, one line per route sorted by route, latencies in milliseconds
     */
    public String renderTable() {
        StringBuilder out = new StringBuilder(String.format("%-40s %10s %8s %10s %10s%n", "route", "requests", "errors", "mean ms", "p99 ms"));
        new TreeMap<>(routes).forEach((route, c) -> {
            Histogram h = c.latency.copy();
            out.append(String.format("%-40s %10d %8d %10.2f %10.2f%n", route, c.requests.sum(), c.errors.sum(),
                    h.getMean() / 1000.0, h.getValueAtPercentile(99) / 1000.0));
        });
        return out.toString();
    }

    private static final class RouteCounters {
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        final ConcurrentHistogram latency = new ConcurrentHistogram(3);

        void record(int status, long micros) {
            requests.increment();
            if (status >= 400) {
                errors.increment();
            }
            latency.recordValue(Math.max(0, micros));
        }
    }
}
