#!/usr/bin/env bash
# The fault suite (tests/QrAspire.FaultTests, Tier=Fault; docs/reliability.md#fault-suite): starts QrAspire in its
# production shape exactly as the load tests do (loadtests/system.sh: Release publish output in artifacts/, the
# Native AOT Redirector, two replicas of the Api and the Redirector, each told its deploy/k8s memory limit, local
# PostgreSQL + Redis on loopback), hands its URLs and data folder to the tests through QRASPIRE_FAULT_* variables, and
# runs them. The tests kill and restart processes of that system; what they start again is recorded in
# $work/fault-processes and stopped here before the AppHost stops the rest.
# Knobs: BUILD=0 skips the AppHost build and republishing (what is missing is still published); REPLICAS (default 2).
# Exit code: dotnet test's (0 = every fault test passed), 2 = the system did not start.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=loadtests/system.sh
. loadtests/system.sh

system_build
say "build the fault tests"
dotnet build tests/QrAspire.FaultTests -c Release -nologo -v quiet >/dev/null

# Processes a test started again belong to no AppHost: stop them first (PostgreSQL with SIGINT, its fast shutdown;
# SIGTERM would wait for every client to disconnect), then the AppHost and everything it started.
stop_restarted() {
  local pid signal
  if [ -n "${work:-}" ] && [ -f "$work/fault-processes" ]; then
    while read -r pid signal; do kill "-$signal" "$pid" 2>/dev/null || true; done <"$work/fault-processes"
    while read -r pid signal; do
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    done <"$work/fault-processes"
  fi
  # The restarted processes' output and the AppHost's log outlive the run's data folder (git-ignored).
  if [ -n "${work:-}" ] && [ -d "$work" ]; then
    local keep; keep=loadtests/runs/faults-$(date +%Y%m%d-%H%M%S)
    mkdir -p "$keep" && cp "$work"/*.log "$keep"/ 2>/dev/null || true
  fi
  system_stop
}

system_start
trap stop_restarted EXIT
export QRASPIRE_FAULT_API=$api QRASPIRE_FAULT_REDIRECTOR=$redirector QRASPIRE_FAULT_WORK=$work
status=0
run_in_background dotnet test tests/QrAspire.FaultTests -c Release --no-build -nologo --filter "Tier=Fault" \
  --logger "console;verbosity=detailed" || status=$?
say "done (exit $status)"
exit $status
