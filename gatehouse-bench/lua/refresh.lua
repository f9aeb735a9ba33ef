-- Refresh-token rotation: every request spends a refresh token exactly once (a reused one would
-- revoke its whole sign-in). Each wrk thread takes its share of the tokens in GH_TOKENS_FILE (one
-- a line, thread i takes lines i, i+T, ...; GH_THREADS = T) and queues the new refresh token
-- of every answer, so a run can last as long as asked with a fixed number of sign-ins, provided
-- each thread starts with at least as many tokens as it has connections.
dofile("common.lua")

local queue, head, tail = {}, 1, 0
function init(args)
  queue = thread_lines(os.getenv("GH_TOKENS_FILE"))
  tail = #queue
end

local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

function request()
  local token = "exhausted" -- no token left: a request that fails and is counted as an error
  if head <= tail then
    token = queue[head]
    queue[head] = nil
    head = head + 1
  end
  return wrk.format("POST", nil, headers, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, response_headers, body)
  local token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if token then
    tail = tail + 1
    queue[tail] = token
  end
end
