-- Forward-auth with many sessions: every request carries the next session cookie from the file
-- GH_COOKIES_FILE (one cookie value a line), so the check looks up all the live sessions in turn
-- rather than one. GH_COOKIE_NAME is the cookie's name, GH_ORIGINAL_URI the path asked about.
dofile("common.lua")

local cookies = {}
for line in io.lines(os.getenv("GH_COOKIES_FILE")) do
  cookies[#cookies + 1] = line
end
local prefix = os.getenv("GH_COOKIE_NAME") .. "="
local uri = os.getenv("GH_ORIGINAL_URI")

local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local next_index = 0
function init(args)
  -- threads start at different places in the list
  next_index = ((id or 0) * 7919) % #cookies
end

function request()
  next_index = next_index % #cookies + 1
  return wrk.format("GET", nil, {
    ["Cookie"] = prefix .. cookies[next_index],
    ["X-Original-URI"] = uri,
    ["Accept"] = "application/json",
  }, nil)
end
