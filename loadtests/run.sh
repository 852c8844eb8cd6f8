#!/usr/bin/env bash
# Runs a load profile against QrAspire started the production way: the AppHost in local mode (PostgreSQL + Redis),
# the Native AOT Redirector from artifacts/redirector, the Api's per-user rate limits lifted. Seeds through the Api,
# runs the harness, stops the AppHost (SIGTERM to the QrAspire.AppHost process this script started).
# Usage: bash loadtests/run.sh [ci|full|soak]   (default ci). Exit 0 = every hard gate passed, 1 = a gate failed,
# 2 = refused or the system did not start. Reports: loadtests/runs/<profile>-<time>/{summary.md,report.json,report.html}.
# Knobs: BUILD=0 skips the builds (CI's test.sh has built the solution and published the Redirector).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-ci}
config=loadtests/profiles/$profile.json
[ -f "$config" ] || { echo "run.sh: no profile $config" >&2; exit 2; }
work=$(mktemp -d /tmp/qraspire-load-XXXXXX)
chmod 755 "$work" # PostgreSQL runs as its own user and must reach its data folder
log=$work/apphost.log
t0=$(date +%s)
say() { printf '== %s (%ds)\n' "$*" $(( $(date +%s) - t0 )); }

apphost_pids() { pgrep -f "QrAspire.AppHost.*--Infrastructure:DataPath=$work" || true; }
cleanup() {
  local pids; pids=$(apphost_pids)
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086 # one pid per word
    kill -TERM $pids 2>/dev/null || true
    for _ in $(seq 1 100); do [ -z "$(apphost_pids)" ] && break; sleep 0.2; done
  fi
  [ -n "${runner:-}" ] && wait "$runner" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ "${BUILD:-1}" = 1 ]; then
  say "build the AppHost and the harness"
  dotnet build AppHost -nologo -v quiet >/dev/null
  if [ ! -x artifacts/redirector/QrAspire.Redirector ]; then
    say "publish the Native AOT Redirector"
    dotnet publish src/Redirector/QrAspire.Redirector.csproj -c Release -r linux-x64 -o artifacts/redirector -nologo -v quiet >/dev/null
  fi
fi
# The harness is always built in Release: a Debug client would add its own latency to every number.
dotnet build loadtests/QrAspire.LoadTests -c Release -nologo -v quiet >/dev/null

say "start the system: local PostgreSQL + Redis, AOT Redirector"
dotnet run --project AppHost --no-build -- --Infrastructure:Mode=local --Infrastructure:DataPath="$work" --DcpPublisher:RandomizePorts=true \
  --Redirector:Binary="$PWD/artifacts/redirector/QrAspire.Redirector" \
  --RateLimits:Authenticated=1000000 --RateLimits:Auth=1000000 >"$log" 2>&1 &
runner=$!
api="" redirector=""
for _ in $(seq 1 600); do
  api=$(sed -n 's/^api ready at \(http[^ ]*\).*/\1/p' "$log" | head -1)
  redirector=$(sed -n 's/^redirector ready at \(http[^ ]*\).*/\1/p' "$log" | head -1)
  [ -n "$api" ] && [ -n "$redirector" ] && break
  kill -0 "$runner" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$api" ] || [ -z "$redirector" ]; then
  echo "run.sh: the system did not become ready; AppHost log:" >&2; tail -40 "$log" >&2; exit 2
fi
say "ready: api $api, redirector $redirector"

# Resident memory of the services (soak profile): the processes that carry this run's data path in their environment.
rss=()
for pid in $(pgrep -f 'QrAspire\.(Api|Redirector)' || true); do
  if grep -qa "$work" "/proc/$pid/environ" 2>/dev/null; then
    name=$(tr '\0' '\n' <"/proc/$pid/cmdline" | grep -oE 'QrAspire\.(Api|Redirector)' | head -1)
    [ -n "$name" ] && rss+=(--rss "$name=$pid")
  fi
done

status=0
dotnet loadtests/QrAspire.LoadTests/bin/Release/net10.0/QrAspire.LoadTests.dll --config "$config" \
  --api "$api" --redirector "$redirector" "${rss[@]}" || status=$?
say "done (exit $status)"
exit $status
