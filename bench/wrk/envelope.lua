-- wrk script for bench/run.sh: the request comes from the environment, the summary goes out as one line.
--   BENCH_METHOD  GET or POST      BENCH_BODY  the JSON body of a POST
--   BENCH_AUTH    an Authorization header value (a write needs a logged-in caller)
-- done() prints: BENCH rps=<req/s> p50=<ms> p99=<ms> requests=<n> errors=<non-2xx + socket errors>
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
if body ~= nil and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
local auth = os.getenv("BENCH_AUTH")
if auth ~= nil and auth ~= "" then
  wrk.headers["Authorization"] = auth
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("BENCH rps=%.1f p50=%.3f p99=%.3f requests=%d errors=%d\n",
      summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      summary.requests, errors))
end
