-- Each code exactly once, spread over the threads' connections: measures first lookups (L2 hits or database misses).
local codes = {}
for line in io.lines(os.getenv("CODES_FILE") or "codes.txt") do codes[#codes + 1] = "/" .. line end
local threads = {}
local counter = 1

setup = function(thread)
  thread:set("id", counter)
  thread:set("step", tonumber(os.getenv("WRK_THREADS") or "1"))
  counter = counter + 1
  table.insert(threads, thread)
end

init = function()
  next_index = id
end

request = function()
  if next_index > #codes then
    wrk.thread:stop()
    next_index = id
  end
  local path = codes[next_index]
  next_index = next_index + step
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.0f p50_us=%d p99_us=%d p999_us=%d requests=%d errors=%d non2xx3xx=%d\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
