-- Forward-auth with many sessions: every request carries the next session cookie from the file
-- GH_COOKIES_FILE (one cookie value a line; only its first GH_COOKIES_LIMIT lines when set), so
-- the check looks up all those live sessions in turn rather than one. GH_COOKIE_NAME is the
-- cookie's name, GH_ORIGINAL_URI the path asked about.
--
-- The file may hold a million cookies. Each wrk thread has a Lua state of its own, so the list is
-- read in init (per thread), not at the top of the script (which also runs in wrk's main state),
-- and thread i keeps only lines i, i+T, ... (T = GH_THREADS): the threads share the sessions out,
-- memory stays at one list in all (about 100 MB for a million), and each session is asked about
-- by one thread only.
dofile("common.lua")

local prefix = os.getenv("GH_COOKIE_NAME") .. "="
local uri = os.getenv("GH_ORIGINAL_URI")

local cookies = {}
local next_index = 0
function init(args)
  cookies = thread_lines(os.getenv("GH_COOKIES_FILE"), tonumber(os.getenv("GH_COOKIES_LIMIT") or ""))
end

function request()
  next_index = next_index % #cookies + 1
  return wrk.format("GET", nil, {
    ["Cookie"] = prefix .. cookies[next_index],
    ["X-Original-URI"] = uri,
    ["X-Original-Method"] = "GET",
    ["Accept"] = "application/json",
  }, nil)
end
