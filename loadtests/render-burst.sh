#!/usr/bin/env bash
# The render burst: N anonymous maximum-cost renders at once against one Release Api held to its Kubernetes memory
# limit, while resident memory is sampled every 100 ms and /health is timed. Prints, per burst: peak RSS against the
# limit, /health p50/p99/max, and the status counts. See docs/reliability.md ("Render burst").
#
#   bash loadtests/render-burst.sh            # bursts of 20 and 50
#   bash loadtests/render-burst.sh 20         # any burst sizes
#   BUILD=0 API_DIR=/path/to/published/api bash loadtests/render-burst.sh   # a prebuilt Api (e.g. an older commit)
#
# The Api runs alone (no Redirector or Worker: rendering does not touch them) on loopback, with Redis (redis-server on
# the PATH) and a migrated SQLite database so that /health has real dependencies to check. DOTNET_GCTotalPhysicalMemory
# is the container limit from deploy/k8s/base/api.yaml: the runtime sizes its heap and the render budget from it as it
# would inside that container. The per-address rate limit for anonymous renders is lifted
# (RateLimits__AnonymousRender), so the burst stands for as many different addresses: what is measured is the render
# budget, not the rate limiter. Exit code: 0 every burst stayed under the limit, 1 one did not, 2 could not start.
set -euo pipefail
cd "$(dirname "$0")/.."

bursts=("$@")
[ ${#bursts[@]} -gt 0 ] || bursts=(20 50)
body=${RENDER_BODY:-'{"content":{"type":"text","text":"render burst"},"style":{"size":4096,"modules":"dots"},"format":"webp"}'}
out=${OUT:-artifacts/render-burst}
api_dir=${API_DIR:-$out/api}
migrator_dir=${MIGRATOR_DIR:-$out/migrator}

# The Api container's memory limit, e.g. "512Mi", in bytes.
limit_text=$(awk '/limits:/ { inside = 1; next } inside && /memory:/ { print $2; exit }' deploy/k8s/base/api.yaml)
case "$limit_text" in
  *Gi) limit=$(( ${limit_text%Gi} * 1024 * 1024 * 1024 )) ;;
  *Mi) limit=$(( ${limit_text%Mi} * 1024 * 1024 )) ;;
  *) echo "render-burst: cannot read the Api's memory limit from deploy/k8s/base/api.yaml ('$limit_text')" >&2; exit 2 ;;
esac

if [ "${BUILD:-1}" = 1 ]; then
  echo "== publish the Api and the Migrator (Release)"
  dotnet publish src/Api/QrAspire.Api.csproj -c Release -o "$api_dir" -nologo -v quiet >/dev/null
  dotnet publish src/Migrator/QrAspire.Migrator.csproj -c Release -o "$migrator_dir" -nologo -v quiet >/dev/null
fi
[ -f "$api_dir/QrAspire.Api.dll" ] || { echo "render-burst: no $api_dir/QrAspire.Api.dll (BUILD=1 publishes it)" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "render-burst: redis-server is not on the PATH" >&2; exit 2; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

work=$(mktemp -d /tmp/qraspire-render-burst-XXXXXX)
redis_pid="" api_pid="" helpers=()
stop_all() {
  for pid in "${helpers[@]}" $api_pid $redis_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $api_pid $redis_pid; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 143' TERM INT

redis_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!

export DATABASE_URL="sqlite:///$work/qraspire.db"
dotnet "$migrator_dir/QrAspire.Migrator.dll" >"$work/migrator.log" 2>&1 || { echo "render-burst: migration failed" >&2; tail -20 "$work/migrator.log" >&2; exit 2; }

api_port=$(free_port)
api="http://127.0.0.1:$api_port"
mkdir -p "$work/blobs"
DOTNET_GCTotalPhysicalMemory=$(printf '0x%x' "$limit") \
  ASPNETCORE_URLS="$api" \
  REDIS_URL="redis://127.0.0.1:$redis_port" \
  BLOB_STORAGE_PATH="$work/blobs" \
  JWT_SECRET="render-burst-secret-that-is-long-enough-0123456789" \
  REDIRECT_BASE_URL="http://127.0.0.1:9" \
  RateLimits__AnonymousRender=1000000 RateLimits__Anonymous=1000000 \
  Logging__LogLevel__Default=Warning \
  dotnet "$api_dir/QrAspire.Api.dll" >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 300); do
  curl -fs -o /dev/null "$api/health" && break
  kill -0 "$api_pid" 2>/dev/null || break
  sleep 0.2
done
curl -fs -o /dev/null "$api/health" || { echo "render-burst: the Api did not become healthy; its log:" >&2; tail -30 "$work/api.log" >&2; exit 2; }

rss_of() { awk '/^VmRSS:/ { printf "%d\n", $2 * 1024 }' "/proc/$api_pid/status"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f MiB", b / 1048576 }'; }

# Warm-up: the render path JIT-compiled once, at a small size, so the burst measures rendering and not start-up.
curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
  -d '{"content":{"type":"text","text":"warm-up"},"style":{"size":256},"format":"png"}' "$api/api/v1/render"
for _ in $(seq 1 5); do curl -s -o /dev/null "$api/health"; done
percentiles() { awk '{ print $1 * 1000 }' "$1" | sort -n | awk '{ v[NR] = $1 } END {
    i50 = int(NR * 0.50 + 0.999); i99 = int(NR * 0.99 + 0.999); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1
    printf "p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d probes)", v[i50], v[i99], v[NR], NR }'; }

# The same probe with nothing else running: on a shared machine, what /health costs before any burst.
for _ in $(seq 1 30); do curl -s -o /dev/null -m 30 -w '%{time_total} %{http_code}\n' "$api/health" >>"$work/idle"; sleep 0.1; done
echo "== Api $api (pid $api_pid), limit $limit_text (DOTNET_GCTotalPhysicalMemory), idle RSS $(mib "$(rss_of)")"
echo "== idle /health: $(percentiles "$work/idle"); load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== body: $body"

failed=0
for count in "${bursts[@]}"; do
  sleep 2
  echo 5 >"/proc/$api_pid/clear_refs" 2>/dev/null || true # resets VmHWM, the kernel's own peak, for this burst
  rm -f "$work/stop" "$work/statuses" "$work/health" "$work/rss"
  ( while [ ! -f "$work/stop" ]; do rss_of >>"$work/rss"; sleep 0.1; done ) &
  helpers+=($!)
  sampler=$!
  ( while [ ! -f "$work/stop" ]; do
      curl -s -o /dev/null -m 30 -w '%{time_total} %{http_code}\n' "$api/health" >>"$work/health" || echo "30 000" >>"$work/health"
      sleep 0.1
    done ) &
  helpers+=($!)
  prober=$!
  sleep 0.5
  started=$(date +%s.%N)
  burst=()
  for _ in $(seq 1 "$count"); do
    curl -s -o /dev/null -m 180 -D "$work/headers.$_" -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' -d "$body" \
      "$api/api/v1/render" >>"$work/statuses" &
    burst+=($!)
  done
  wait "${burst[@]}" || true
  elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  sleep 1
  touch "$work/stop"
  wait "$sampler" "$prober" 2>/dev/null || true
  helpers=()

  peak=$(sort -n "$work/rss" | tail -1)
  hwm=$(awk '/^VmHWM:/ { printf "%d\n", $2 * 1024 }' "/proc/$api_pid/status")
  [ "$hwm" -gt "$peak" ] && peak_all=$hwm || peak_all=$peak
  health=$(percentiles "$work/health")
  health_bad=$(awk '$2 != 200' "$work/health" | wc -l)
  # 000: no answer within curl's 180 s.
  statuses=$(sort "$work/statuses" | uniq -c | awk '{ printf "%s%s x%s", sep, $2, $1; sep = ", " }')
  retry_after=$(cat "$work"/headers.* 2>/dev/null | grep -ci '^retry-after:' || true)
  rm -f "$work"/headers.*
  verdict=$([ "$peak_all" -lt "$limit" ] && echo "under the limit" || echo "OVER THE LIMIT")
  [ "$peak_all" -lt "$limit" ] || failed=1
  echo "burst of $count: ${elapsed} s; peak RSS $(mib "$peak") sampled, $(mib "$hwm") VmHWM, limit $limit_text: $verdict"
  echo "  /health: $health; non-200: $health_bad"
  echo "  renders: $statuses; Retry-After on $retry_after"
done
exit $failed
