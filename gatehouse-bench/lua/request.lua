-- One fixed request, its method, headers and body taken from the environment the driver sets
-- (secrets travel in the environment, never on a command line):
--   GH_METHOD, GH_BODY, GH_AUTHORIZATION, GH_COOKIE, GH_ORIGINAL_URI, GH_CONTENT_TYPE, GH_ACCEPT
dofile("common.lua")

wrk.method = os.getenv("GH_METHOD") or "GET"
local body = os.getenv("GH_BODY")
if body and body ~= "" then
  wrk.body = body
end

local function header(name, variable)
  local value = os.getenv(variable)
  if value and value ~= "" then
    wrk.headers[name] = value
  end
end
header("Authorization", "GH_AUTHORIZATION")
header("Cookie", "GH_COOKIE")
header("X-Original-URI", "GH_ORIGINAL_URI")
header("X-Original-Method", "GH_ORIGINAL_METHOD")
header("Content-Type", "GH_CONTENT_TYPE")
header("Accept", "GH_ACCEPT")
