-- wrk side of loadtests/wrk-crosscheck.sh: GET /{code} for a code picked at random from CODES_FILE (the harness's
-- seeded codes, one a line), as the harness's redirect-hit scenario does. WRK_DELAY_MS makes each connection pause
-- between requests (a paced closed loop). Prints one WRK line with the percentiles in microseconds.
local codes = {}
for line in io.lines(os.getenv("CODES_FILE")) do
  if #line > 0 then codes[#codes + 1] = "/" .. line end
end
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")
-- Each thread has its own Lua state: seed each differently so they do not ask the same codes in the same order.
math.randomseed(os.time() + math.floor(os.clock() * 1e6) + #tostring({}))

request = function()
  return wrk.format("GET", codes[math.random(#codes)])
end

if pause > 0 then
  delay = function() return pause end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK requests=%d seconds=%.3f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, e.connect + e.read + e.write + e.timeout + e.status))
end
