-- Authorization code exchange: every request spends one code of GH_CODES_FILE (one a line), each
-- exactly once (a code sent twice is refused and revokes what it gave). Each wrk thread takes its
-- share of the lines (thread i takes lines i, i+T, ...; GH_THREADS = T). The form is GH_BODY with
-- the code appended; the client authenticates with GH_AUTHORIZATION. A thread out of codes sends
-- a request that fails and counts as an error.
dofile("common.lua")

local codes, next_code = {}, 1
function init(args)
  codes = thread_lines(os.getenv("GH_CODES_FILE"))
end

local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Authorization"] = os.getenv("GH_AUTHORIZATION"),
}
local body = os.getenv("GH_BODY")

function request()
  local code = codes[next_code] or "exhausted"
  codes[next_code] = nil
  next_code = next_code + 1
  return wrk.format("POST", nil, headers, body .. code)
end
