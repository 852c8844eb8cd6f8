#!/usr/bin/env bash
# Checks deploy/monitoring with Prometheus' own tool: promtool check rules, promtool test rules (every alert fires on
# its input and stays quiet next to it), promtool check config, and the Grafana dashboards (the four boards and their
# panels of docs/operations/monitoring.md, a query in every panel). Every alert must have a unit test and a runbook page.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
ensure_apt promtool prometheus
ensure_node_tools

cd "$REPO_ROOT"
prom=deploy/monitoring/prometheus
log "promtool ($(promtool --version 2>&1 | head -1))"
promtool check rules "$prom"/rules/*.yml
promtool test rules "$prom"/tests/*.test.yml

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node "$OPS_TOOLS/monitoring.mjs" static-sd "$prom/prometheus.yml" "$work/prometheus.yml"
echo "(Debian's Prometheus has no Kubernetes service discovery: kubernetes_sd_configs replaced by a static target for this check)"
promtool check config "$work/prometheus.yml"

node "$OPS_TOOLS/monitoring.mjs" lint-dashboards

missing=0
while read -r alert; do
  grep -q "alertname: $alert\$" "$prom"/tests/*.test.yml || { echo "alert $alert has no promtool test" >&2; missing=1; }
  [ -f "docs/operations/alerts/$alert.md" ] || { echo "alert $alert has no runbook page docs/operations/alerts/$alert.md" >&2; missing=1; }
done < <(node "$OPS_TOOLS/monitoring.mjs" alerts)
[ "$missing" -eq 0 ] || die "alerts without a test or a runbook page"
echo "alerts: $(node "$OPS_TOOLS/monitoring.mjs" alerts | wc -l) alerts, each with a promtool test and a runbook page"
