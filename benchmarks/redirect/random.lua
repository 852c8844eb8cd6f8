-- Random short codes from codes.txt (one a line); prints p50/p99/p99.9 and the rate at the end.
-- WRK_DELAY_MS (env) makes each connection pause between requests: a steady offered rate of connections / delay.
-- USER_AGENT and ACCEPT_LANGUAGE (env), when set, are sent with every request (routing reads them).
local codes = {}
for line in io.lines(os.getenv("CODES_FILE") or "codes.txt") do codes[#codes + 1] = "/" .. line end
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")
math.randomseed(os.time())
if os.getenv("USER_AGENT") then wrk.headers["User-Agent"] = os.getenv("USER_AGENT") end
if os.getenv("ACCEPT_LANGUAGE") then wrk.headers["Accept-Language"] = os.getenv("ACCEPT_LANGUAGE") end

request = function()
  return wrk.format("GET", codes[math.random(#codes)])
end

if pause > 0 then
  delay = function() return pause end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.0f p50_us=%d p99_us=%d p999_us=%d requests=%d errors=%d non2xx3xx=%d\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
