#!/usr/bin/env bash
# Cross-checks the harness's redirect-hit numbers with wrk at the same connection count, against QrAspire started as
# loadtests/run.sh starts it (local PostgreSQL + Redis, AOT Redirector, Worker). Three runs on the same codes:
#   1. the harness, open model: RATE req/s, at most CONNS requests in flight (so at most CONNS connections);
#   2. wrk, closed loop, CONNS connections each pausing CONNS/RATE s between requests: about the same offered rate;
#   3. wrk, closed loop, CONNS connections without pauses: the most the system answers at that concurrency.
# Prints the three side by side. Usage: bash loadtests/wrk-crosscheck.sh
# Knobs: RATE (1000), CONNS (16), DURATION seconds per run (30), CODES (2000), BUILD=0 skips the AppHost build.
# docs/performance.md explains why the rows differ (open vs closed model, coordinated omission).
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-1000} CONNS=${CONNS:-16} DURATION=${DURATION:-30} CODES=${CODES:-2000}
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "wrk-crosscheck: wrk missing (apt-get install wrk, or run as root)" >&2; exit 2; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
# shellcheck source=loadtests/system.sh
. loadtests/system.sh

system_build
system_start
out=loadtests/runs/crosscheck-$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$out"
profile_json() { # $1 in-flight cap
  cat <<JSON
{
  "description": "wrk cross-check: redirect-hit at $RATE req/s, at most $1 in flight",
  "maxInFlight": $1, "requestTimeout": "10s", "codes": $CODES,
  "scenarios": [ { "name": "redirect-hit", "rate": $RATE, "warmup": "5s", "duration": "${DURATION}s" } ]
}
JSON
}
profile_json "$CONNS" >"$work/crosscheck-$CONNS.json"
profile_json 256 >"$work/crosscheck-256.json"
harness_fields() { # $1 report.json
  python3 - "$1" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["scenarios"][0]
m = s["summary"]
print(f'{s["achievedRate"]:.0f} {m["requests"]} {m["p50Ms"]:.3f} {m["p90Ms"]:.3f} {m["p99Ms"]:.3f} {m["p999Ms"]:.3f} {m["maxMs"]:.3f} {m["errors"]} {m["sendLagP99Ms"]:.3f}')
PY
}
harness=loadtests/QrAspire.LoadTests/bin/Release/net10.0/QrAspire.LoadTests.dll

say "1/4 harness: open model, $RATE req/s, in flight ≤ $CONNS (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
run_in_background dotnet "$harness" --config "$work/crosscheck-$CONNS.json" --api "$api" --redirector "$redirector" --mail-dir "$work/mail" --save-codes "$out/codes.txt" \
  --out "$out/harness-$CONNS" >"$out/harness-$CONNS.log" || true
capped=$(harness_fields "$out/harness-$CONNS/report.json")
say "2/4 harness: open model, $RATE req/s, in flight ≤ 256 (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
run_in_background dotnet "$harness" --config "$work/crosscheck-256.json" --redirector "$redirector" --codes-file "$out/codes.txt" \
  --out "$out/harness-256" >"$out/harness-256.log" || true
uncapped=$(harness_fields "$out/harness-256/report.json")

target=${redirector%/}
run_wrk() { # $1 pause per connection (ms); prints the WRK fields
  CODES_FILE="$out/codes.txt" WRK_DELAY_MS=$1 wrk -t2 -c"$CONNS" -d"${DURATION}s" --timeout 10s -s loadtests/wrk/redirect-hit.lua "$target" \
    | tee -a "$out/wrk.log" | sed -n 's/^WRK //p'
}
CODES_FILE="$out/codes.txt" wrk -t2 -c"$CONNS" -d3s -s loadtests/wrk/redirect-hit.lua "$target" >/dev/null # warm-up, not counted
pause=$(( CONNS * 1000 / RATE ))
say "3/4 wrk: closed loop, $CONNS connections pausing $pause ms (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
paced=$(run_wrk "$pause")
say "4/4 wrk: closed loop, $CONNS connections, no pause (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
flat=$(run_wrk 0)

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.3f", us / 1000 }'; }
wrk_row() { # $1 label, $2 WRK fields
  local n s; n=$(field requests "$2"); s=$(field seconds "$2")
  printf '| %s | %s | %.0f | %s | %s | %s | %s | %s | %s | %s | — |\n' "$1" "$CONNS" "$(awk -v n="$n" -v s="$s" 'BEGIN { print n / s }')" "$n" \
    "$(ms "$(field p50_us "$2")")" "$(ms "$(field p90_us "$2")")" "$(ms "$(field p99_us "$2")")" "$(ms "$(field p999_us "$2")")" \
    "$(ms "$(field max_us "$2")")" "$(field errors "$2")"
}
{
  echo "# redirect-hit: harness vs wrk ($(date -u '+%Y-%m-%d %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "$CODES codes, ${DURATION} s per run, latency in ms. Harness: from the scheduled time, errors include requests"
  echo "not sent because the in-flight cap was reached (not in the percentiles); wrk: from the send."
  echo
  echo "| run | connections | req/s | requests | p50 | p90 | p99 | p99.9 | max | errors | send lag p99 |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  harness_row() { # $1 label, $2 cap, $3 fields
    local rate n p50 p90 p99 p999 max err lag
    read -r rate n p50 p90 p99 p999 max err lag <<<"$3"
    echo "| $1 | ≤ $2 | $rate | $n | $p50 | $p90 | $p99 | $p999 | $max | $err | $lag |"
  }
  harness_row "harness, open model at $RATE req/s, in flight ≤ $CONNS" "$CONNS" "$capped"
  harness_row "harness, open model at $RATE req/s, in flight ≤ 256" 256 "$uncapped"
  wrk_row "wrk, closed loop, ${pause} ms pause per connection" "$paced"
  wrk_row "wrk, closed loop, no pause (max throughput)" "$flat"
} | tee "$out/crosscheck.md"
say "done: $out/crosscheck.md"
