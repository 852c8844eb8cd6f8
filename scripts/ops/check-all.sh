#!/usr/bin/env bash
# Every operations check (docs/operations/README.md): kustomize render + schema check, deploy dry run,
# actionlint (+ Dockerfile lint, shellcheck), promtool check + test, the Prometheus system test, and the
# backup/restore drill. Installs what it needs (apt as root, npm). The Prometheus system test and the drill need
# a built solution: run after `dotnet build QrAspire.slnx` (scripts/test.sh does it first).
# Ends with one line: "ops: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

passed=0 failed=0 summary=()
run() { # run NAME COMMAND...
  local name=$1 started=$SECONDS
  shift
  printf '\n######## %s\n' "$name"
  if "$@"; then
    passed=$((passed + 1)); summary+=("ok    $name ($((SECONDS - started)) s)")
  else
    failed=$((failed + 1)); summary+=("FAIL  $name ($((SECONDS - started)) s)")
  fi
}

run "kustomize render + schema/policy check" bash scripts/ops/k8s-check.sh
run "deploy dry run" bash scripts/ops/deploy-dry-run.sh
run "actionlint, Dockerfile lint, shellcheck" bash scripts/ops/actionlint-check.sh
run "promtool check + test, dashboards" bash scripts/ops/monitoring-check.sh
run "Prometheus system test" bash scripts/ops/prometheus-check.sh
run "backup/restore drill" bash scripts/backup/drill.sh

printf '\n'
printf '%s\n' "${summary[@]}"
printf 'ops: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
