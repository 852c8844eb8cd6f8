#!/usr/bin/env bash
# Runs a load profile against QrAspire started in its production shape (loadtests/system.sh): local PostgreSQL +
# Redis, Release builds, the Native AOT Redirector, two replicas of the Api and the Redirector, memory limits. Seeds
# through the Api, runs the harness, stops the AppHost (SIGTERM to the QrAspire.AppHost process this script started).
# Usage: bash loadtests/run.sh [ci|full|soak|abuse|abuse-full|slow-clients|PATH.json]   (default ci). Exit 0 = every hard gate passed, 1 = a gate
# failed, 2 = refused or the system did not start. Reports: loadtests/runs/<profile>-<time>/{summary.md,report.json,report.html}.
# Knobs: BUILD=0 skips the AppHost build and republishing (what is missing is still published, the bare app of the
# floor too, ~40 s); REPLICAS=1|2|… (default 2). A replica that answered no requests fails the run (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-ci}
case $profile in *.json) config=$profile ;; *) config=loadtests/profiles/$profile.json ;; esac
[ -f "$config" ] || { echo "run.sh: no profile $config" >&2; exit 2; }
# shellcheck source=loadtests/system.sh
. loadtests/system.sh
# shellcheck source=loadtests/floor.sh
. loadtests/floor.sh

system_build
floor_build
system_start
floor_start
status=0
# The slow-client scenarios hold thousands of idle connections: as many descriptors as the system allows (bounded).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
abuse=()
[ -n "$api_management" ] && abuse+=(--api-management "$api_management")
[ -n "$redirector_replica" ] && abuse+=(--redirector-replica "$redirector_replica")
# The harness stands for clients on other machines: where allowed (root), it runs ahead of the system in the CPU's
# queue, so that on a busy machine the wait shows in the system's latency rather than in the client's own.
harness=(dotnet)
[ "$(id -u)" = 0 ] && harness=(nice -n -5 dotnet)
run_in_background "${harness[@]}" loadtests/QrAspire.LoadTests/bin/Release/net10.0/QrAspire.LoadTests.dll --config "$config" \
  --api "$api" --redirector "$redirector" --floor "$floor" --mail-dir "$work/mail" "${rss[@]}" "${limits[@]}" "${abuse[@]}" || status=$?
system_replica_traffic || { [ "$status" != 0 ] || status=1; }
say "done (exit $status)"
exit $status
