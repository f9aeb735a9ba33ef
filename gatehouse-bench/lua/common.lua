-- Shared by every scenario script (loaded with dofile; wrk runs with gatehouse-bench/lua as its
-- working directory). done() prints one machine-readable line the driver parses:
-- requests and duration as wrk counted them, latency percentiles in microseconds, errors.status
-- (answers with a status above 399) and socket errors (connect, read, write, timeout).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "GATEHOUSE_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration,
    math.floor(latency:percentile(50.0)), math.floor(latency:percentile(99.0)),
    e.status, e.connect + e.read + e.write + e.timeout))
end
