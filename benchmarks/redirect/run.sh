#!/usr/bin/env bash
# The redirect benchmark: the Native AOT Redirector against PostgreSQL + Redis with 10,000 codes hit at random,
# driven by wrk on loopback, beside a bare Kestrel AOT app that returns a constant 302, in the same run; and L1 hits
# of codes with smart routing (five rules, an A/B split, UTM) against plain codes, alternated, with a phone's headers.
# Usage (root, on the dev machine): bash benchmarks/redirect/run.sh   — prints a Markdown table for docs/performance.md.
# Knobs: DURATION (15s), CONNECTIONS (32), STEADY_CONNECTIONS (16), STEADY_DELAY_MS (3), CODES (10000),
# ROUTED_ROUNDS (4), ROUTED_DURATION (10s), BUILD (1); PERF=DIR writes CPU profiles (perf) of the bare app's and the
# Redirector's max-throughput runs to DIR/{bare,redirector-l1}.txt — those runs' rates are then not for the tables.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
here=$root/benchmarks/redirect
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
STEADY_CONNECTIONS=${STEADY_CONNECTIONS:-16}
STEADY_DELAY_MS=${STEADY_DELAY_MS:-3}
CODES=${CODES:-10000}
ROUTED_ROUNDS=${ROUTED_ROUNDS:-4}
ROUTED_DURATION=${ROUTED_DURATION:-10s}
work=$(mktemp -d /tmp/qraspire-bench-XXXXXX)
chmod 755 "$work"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
log() { printf '== %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

[ -z "${PERF:-}" ] || command -v perf >/dev/null || { apt-get update -qq && apt-get install -y -qq linux-perf >/dev/null; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pgbin" ] || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); }

if [ "${BUILD:-1}" = 1 ]; then
  log "publish the Native AOT Redirector and the bare app; build the migrator"
  dotnet publish src/Redirector/QrAspire.Redirector.csproj -c Release -r linux-x64 -o artifacts/redirector -nologo -v quiet >/dev/null
  dotnet publish benchmarks/redirect/BareRedirect -c Release -r linux-x64 -o artifacts/bare-redirect -nologo -v quiet >/dev/null
  dotnet build src/Migrator -c Release -nologo -v quiet >/dev/null
fi

log "PostgreSQL and Redis on loopback"
pgport=$(free_port); redisport=$(free_port)
mkdir -p "$work/pg" && chown postgres:postgres "$work/pg"
as_postgres() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups "$@"; else "$@"; fi; }
as_postgres "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 >/dev/null
as_postgres "$pgbin/postgres" -D "$work/pg" -p "$pgport" -c listen_addresses=127.0.0.1 -c unix_socket_directories= >"$work/pg.log" 2>&1 &
pids+=($!)
redis-server --bind 127.0.0.1 --port "$redisport" --save "" --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)
until "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$pgport"; do sleep 0.2; done
psql() { "$pgbin/psql" -q -h 127.0.0.1 -p "$pgport" -U postgres "$@"; }
psql -c "CREATE DATABASE qraspire" >/dev/null
DATABASE_URL="postgresql://postgres@127.0.0.1:$pgport/qraspire" dotnet src/Migrator/bin/Release/net10.0/QrAspire.Migrator.dll >/dev/null
psql -d qraspire >/dev/null <<SQL
INSERT INTO accounts (id, email, normalized_email, password_hash, created_at) VALUES ('usr_bench', 'bench@example.test', 'bench@example.test', 'x', now());
INSERT INTO qr_codes (id, workspace_id, name, kind, short_code, destination, redirect_status, status, created_at, updated_at, version)
SELECT 'qr_bench' || i, 'usr_bench', 'bench', 1, 'b' || lpad(i::text, 6, '0'), 'https://example.com/landing/' || i, 302, 0, now(), now(), 1
FROM generate_series(1, $CODES) AS i;
-- The same number of codes with five rules none of which matches the benchmark's visitor (so every rule is tried),
-- then an A/B split of the default with UTM parameters merged: the most a scan of a routed code evaluates.
INSERT INTO qr_codes (id, workspace_id, name, kind, short_code, destination, redirect_status, status, created_at, updated_at, version, routing)
SELECT 'qr_routed' || i, 'usr_bench', 'routed', 1, 'r' || lpad(i::text, 6, '0'), 'https://example.com/landing/' || i, 302, 0, now(), now(), 1,
  '{"rules":[{"conditions":{"device":["ios"]},"destination":"https://apps.apple.com/app/id1"},'
  '{"conditions":{"device":["desktop"]},"destination":"https://example.com/desktop"},'
  '{"conditions":{"country":["FR","BE"]},"destination":"https://example.com/fr"},'
  '{"conditions":{"language":["fr","nl"]},"destination":"https://example.com/fr"},'
  '{"conditions":{"from":"2030-01-01T00:00:00","until":"2030-02-01T00:00:00","timeZone":"Europe/Paris"},"destination":"https://example.com/jan"}],'
  '"variants":[{"destination":"https://example.com/a","weight":50},{"destination":"https://example.com/b?x=1","weight":50}],'
  '"utm":{"source":"qr","campaign":"bench"}}'
FROM generate_series(1, $CODES) AS i;
ANALYZE qr_codes;
SQL
seq -f 'b%06g' 1 "$CODES" > "$work/codes.txt"
seq -f 'r%06g' 1 "$CODES" > "$work/routed.txt"
export CODES_FILE=$work/codes.txt

app_pid=""
start_app() { # $1: binary; sets app_port, app_pid, ready_ms
  app_port=$(free_port)
  local t0; t0=$(date +%s%N)
  DATABASE_URL="postgresql://postgres@127.0.0.1:$pgport/qraspire" REDIS_URL="redis://127.0.0.1:$redisport" \
    ASPNETCORE_URLS="http://127.0.0.1:$app_port" SCAN_SPILL_PATH="$work/spill" Logging__LogLevel__Default=Warning \
    "$1" >>"$work/app.log" 2>&1 &
  app_pid=$!
  pids+=("$app_pid")
  until curl -fs -o /dev/null "http://127.0.0.1:$app_port/health"; do sleep 0.005; done
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$app_pid/status"; }
run_wrk() { # $1 script, $2 connections, $3 duration; prints RESULT fields
  WRK_THREADS=1 wrk -t1 -c"$2" -d"$3" -s "$here/$1" "http://127.0.0.1:$app_port" | grep '^RESULT' | cut -d' ' -f2-
}
# Runs "$@" (a measurement) while perf samples the app, when PERF names a directory; $1 names the profile.
profiled() {
  local name=$1; shift
  if [ -z "${PERF:-}" ]; then "$@"; return; fi
  mkdir -p "$PERF"
  perf record -q -F 1999 -g -p "$app_pid" -o "$work/$name.perf" >/dev/null 2>&1 &
  local perf_pid=$!
  "$@"
  kill -INT "$perf_pid"; wait "$perf_pid" || true
  perf report -i "$work/$name.perf" --no-children --sort dso,symbol --stdio -g none >"$work/$name.flat" 2>/dev/null || true
  perf report -i "$work/$name.perf" --children --sort symbol --stdio -g none >"$work/$name.inclusive" 2>/dev/null || true
  grep -v '^$' "$work/$name.flat" | sed -n 1,400p >"$PERF/$name.txt"
  grep -v '^$' "$work/$name.inclusive" | sed -n 1,200p >"$PERF/$name.inclusive.txt"
}
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }
redis_cli() { redis-cli -p "$redisport" "$@"; }
rows=()
row() { # $1 name, $2 result, $3 "once" when each code was asked once (wrk's rate then spans its whole -d)
  local r=$2 rate
  rate=$(field "$r" rps); [ "${3:-}" = once ] && rate="—"
  rows+=("| $1 | $rate | $(awk -v u="$(field "$r" p50_us)" 'BEGIN{printf "%.3f", u/1000}') | $(awk -v u="$(field "$r" p99_us)" 'BEGIN{printf "%.3f", u/1000}') | $(awk -v u="$(field "$r" p999_us)" 'BEGIN{printf "%.3f", u/1000}') | $(field "$r" requests) | $(field "$r" errors) |")
}

log "bare Kestrel AOT app (constant 302)"
start_app "$root/artifacts/bare-redirect/QrAspire.Benchmarks.BareRedirect"
bare_ready=$ready_ms
run_wrk random.lua "$CONNECTIONS" 3s >/dev/null
bare=$(profiled bare run_wrk random.lua "$CONNECTIONS" "$DURATION"); row "bare app, constant 302 (max throughput)" "$bare"
bare_rss=$(rss_mb)
bare_steady=$(WRK_DELAY_MS=$STEADY_DELAY_MS run_wrk random.lua "$STEADY_CONNECTIONS" "$DURATION"); row "bare app, steady rate" "$bare_steady"
stop_app

log "Redirector: database misses, L2 hits, L1 hits"
start_app "$root/artifacts/redirector/QrAspire.Redirector"
redirector_ready=$ready_ms
db=$(run_wrk once.lua "$CONNECTIONS" 60s); row "Redirector, database misses (each code once, L1 and L2 empty)" "$db" once
stop_app
start_app "$root/artifacts/redirector/QrAspire.Redirector"
l2=$(run_wrk once.lua "$CONNECTIONS" 60s); row "Redirector, L2 hits (each code once, L1 empty, Redis warm)" "$l2" once
run_wrk random.lua "$CONNECTIONS" 3s >/dev/null
redis_cli DEL qraspire:scans:queue >/dev/null
l1=$(profiled redirector-l1 run_wrk random.lua "$CONNECTIONS" "$DURATION"); row "Redirector, L1 hits (max throughput)" "$l1"
queued=$(redis_cli LLEN qraspire:scans:queue)
redis_cli DEL qraspire:scans:queue >/dev/null
steady=$(WRK_DELAY_MS=$STEADY_DELAY_MS run_wrk random.lua "$STEADY_CONNECTIONS" "$DURATION"); row "Redirector, L1 hits, steady rate" "$steady"
redirector_rss=$(rss_mb)

log "Redirector: L1 hits of routed codes against plain ones, alternated, with an Android phone's headers"
phone() { USER_AGENT="Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36" \
  ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.5" "$@"; }
CODES_FILE=$work/routed.txt run_wrk random.lua "$CONNECTIONS" 3s >/dev/null
plain_rps=0; routed_rps=0; round_ratios=()
for round in $(seq 1 "$ROUTED_ROUNDS"); do
  # Each run starts with an empty scan queue, so neither kind pays for a Redis list the other one grew.
  redis_cli DEL qraspire:scans:queue >/dev/null
  plain=$(phone run_wrk random.lua "$CONNECTIONS" "$ROUTED_DURATION")
  redis_cli DEL qraspire:scans:queue >/dev/null
  routed=$(CODES_FILE=$work/routed.txt phone run_wrk random.lua "$CONNECTIONS" "$ROUTED_DURATION")
  row "Redirector, L1 hits, plain code, phone headers (round $round)" "$plain"
  row "Redirector, L1 hits, routed code (5 rules + A/B + UTM), phone headers (round $round)" "$routed"
  plain_rps=$((plain_rps + $(field "$plain" rps))); routed_rps=$((routed_rps + $(field "$routed" rps)))
  round_ratios+=("$(awk -v a="$(field "$routed" rps)" -v b="$(field "$plain" rps)" 'BEGIN { printf "%.2f", a / b }')")
done
redis_cli DEL qraspire:scans:queue >/dev/null
stop_app

ratio=$(awk -v a="$(field "$l1" rps)" -v b="$(field "$bare" rps)" 'BEGIN { printf "%.2f", a / b }')
routed_ratio=$(awk -v a="$routed_rps" -v b="$plain_rps" 'BEGIN { printf "%.2f", a / b }')
routed_median=$(printf '%s\n' "${round_ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
cat <<EOT

| scenario | requests/s | p50 (ms) | p99 (ms) | p99.9 (ms) | requests | socket errors |
| --- | --- | --- | --- | --- | --- | --- |
$(printf '%s\n' "${rows[@]}")

- Redirector L1-hit throughput / bare app: **$ratio**
- routed-code L1-hit throughput / plain code, same headers, $ROUTED_ROUNDS alternated rounds of $ROUTED_DURATION: **$routed_ratio** over all rounds, median round **$routed_median** (rounds: ${round_ratios[*]})
- scan events queued during the L1 max-throughput run: $queued (requests: $(field "$l1" requests))
- start-up to ready (\`/health\` 200, exec included): Redirector $redirector_ready ms, bare app $bare_ready ms
- RSS after the runs: Redirector $redirector_rss MiB, bare app $bare_rss MiB
- wrk -t1, $CONNECTIONS connections, $DURATION per max-throughput run; steady rate: $STEADY_CONNECTIONS connections pausing ${STEADY_DELAY_MS} ms between requests
EOT
