#!/usr/bin/env bash
# Measures start-up times and prints Markdown tables (docs/performance.md keeps the latest):
#  1. each service process alone: from exec to its first `/alive` 200 (the process's own start-up cost);
#  2. the whole system per infrastructure mode: from `dotnet run --project AppHost` to each service healthy.
# Needs a built solution (bash scripts/test.sh, or dotnet build) and the AOT Redirector in artifacts/redirector.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
aot=artifacts/redirector/QrAspire.Redirector
work=$(mktemp -d); chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
now_ms() { date +%s%3N; }

port=18123
alive_ms() { # $@: command; prints ms from start to the first /alive 200
  local start pid
  start=$(now_ms)
  DATABASE_URL="sqlite://$work/alone.db" REDIS_URL=redis://127.0.0.1:1 BLOB_STORAGE_PATH="$work" \
    ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" >/dev/null 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/alive"; do
    kill -0 "$pid" 2>/dev/null || { echo "failed"; return; }
    sleep 0.01
  done
  echo $(( $(now_ms) - start ))
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}

echo "| service | build | start → /alive (ms), $runs runs |"
echo "| --- | --- | --- |"
for service in Api Worker Redirector; do
  samples=()
  for _ in $(seq "$runs"); do samples+=("$(alive_ms dotnet "src/$service/bin/Debug/net10.0/QrAspire.$service.dll")"); done
  echo "| $service | JIT (Debug) | ${samples[*]} |"
done
if [ -x "$aot" ]; then
  samples=()
  for _ in $(seq "$runs"); do samples+=("$(alive_ms "$aot")"); done
  echo "| Redirector | Native AOT | ${samples[*]} |"
fi

echo
echo "| mode | api healthy (s) | redirector healthy (s) | worker healthy (s) |"
echo "| --- | --- | --- | --- |"
for mode in embedded local; do
  log="$work/$mode.log"
  mkdir -p "$work/$mode"; chmod 755 "$work/$mode"
  start=$(now_ms)
  dotnet run --project AppHost --no-build -- --Infrastructure:Mode="$mode" --Infrastructure:DataPath="$work/$mode" --DcpPublisher:RandomizePorts=true \
    ${aot:+--Redirector:Binary=$PWD/$aot} >"$log" 2>&1 &
  declare -A ready=()
  deadline=$(( start + 300000 ))
  while [ ${#ready[@]} -lt 3 ] && [ "$(now_ms)" -lt "$deadline" ]; do
    for service in api redirector worker; do
      if [ -z "${ready[$service]:-}" ] && grep -q "^$service ready at" "$log"; then
        ready[$service]=$(( $(now_ms) - start ))
      fi
    done
    sleep 0.1
  done
  printf '| %s | %s | %s | %s |\n' "$mode" \
    "$(awk "BEGIN{printf \"%.1f\", ${ready[api]:-0}/1000}")" \
    "$(awk "BEGIN{printf \"%.1f\", ${ready[redirector]:-0}/1000}")" \
    "$(awk "BEGIN{printf \"%.1f\", ${ready[worker]:-0}/1000}")"
  pkill -TERM -f "QrAspire.AppHost.*--Infrastructure:DataPath=$work/$mode" || true
  sleep 8
  unset ready
done
