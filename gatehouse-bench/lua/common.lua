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

-- Gives every wrk thread an id (setup runs in the main thread, once per thread, before it starts),
-- so that a script spending single-use tokens can split a file of them between its threads.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

-- This thread's share of the first limit lines (all when nil) of the file at path: thread i takes
-- lines i, i+T, ... where T = GH_THREADS, so no two threads spend the same token.
function thread_lines(path, limit)
  local total = tonumber(os.getenv("GH_THREADS")) or 1
  local mine, n = {}, 0
  for line in io.lines(path) do
    if limit and n >= limit then
      break
    end
    if n % total == (id or 0) then
      mine[#mine + 1] = line
    end
    n = n + 1
  end
  return mine
end
