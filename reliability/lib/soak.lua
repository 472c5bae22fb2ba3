-- wrk script of the soak case: ping, list, ping, list, create, round and round on every connection, optionally paced.
-- Every call is a POST (welcome.ping, not GET /api/v1/ping): a GET and a POST taking turns on one kept-alive connection
-- sometimes leave a call unanswered (the keepalive-mix case), which would stall wrk's connections here.
--   SOAK_AUTH       the Authorization header value of task.create (a registered member's bearer token)
--   SOAK_DELAY_MS   the pause before each request of a connection, in milliseconds (fractions kept on average);
--                   0 or unset: as fast as the server answers (the maximum)
-- done() prints: BENCH rps=<req/s> p50=<ms> p99=<ms> requests=<n> errors=<non-2xx + socket errors> status=<4xx+5xx>
local auth = os.getenv("SOAK_AUTH") or ""
local pause = tonumber(os.getenv("SOAK_DELAY_MS") or "0") or 0
local json = { ["Content-Type"] = "application/json" }
local create_headers = { ["Content-Type"] = "application/json", ["Authorization"] = auth }
local requests = {}
local turn = 0

init = function(args)
  local ping = wrk.format("POST", "/api/v1/", json, '{"service":"welcome","action":"ping"}')
  local list = wrk.format("POST", "/api/v1/", json, '{"service":"task","action":"list","status":"in_progress","limit":20}')
  local create = wrk.format("POST", "/api/v1/", create_headers, '{"service":"task","action":"create","title":"Soak task"}')
  requests = { ping, list, ping, list, create }
end

request = function()
  turn = turn % #requests + 1
  return requests[turn]
end

if pause > 0 then
  local carry = 0
  delay = function()   -- whole milliseconds only: the fraction is carried over, so the mean pause is exact
    local whole = math.floor(pause)
    carry = carry + pause - whole
    if carry >= 1 then
      whole = whole + 1
      carry = carry - 1
    end
    return whole
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("BENCH rps=%.1f p50=%.3f p99=%.3f requests=%d errors=%d status=%d\n",
      summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      summary.requests, errors, summary.errors.status))
end
