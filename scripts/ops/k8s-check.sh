#!/usr/bin/env bash
# Renders the Kubernetes manifests (kustomize base, staging and production overlays) with `kubectl kustomize` and
# schema- and policy-checks the output and the Secret template (scripts/ops/tools/k8s-validate.mjs), and checks the
# log shipper's Fluent Bit configuration with real log lines (scripts/ops/tools/fluent-bit-check.mjs).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
ensure_kubectl
ensure_node_tools

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$REPO_ROOT"
log "kustomize ($(kubectl version --client 2>/dev/null | grep -i kustomize | tr -d '\n'))"
for target in base overlays/staging overlays/production; do
  kubectl kustomize "deploy/k8s/$target" >"$out/${target//\//-}.yaml" || die "kubectl kustomize deploy/k8s/$target failed"
  printf '   rendered deploy/k8s/%s: %s objects\n' "$target" "$(grep -c '^kind:' "$out/${target//\//-}.yaml")"
done
node "$OPS_TOOLS/k8s-validate.mjs" --capacity "$out/base.yaml"
node "$OPS_TOOLS/k8s-validate.mjs" "$out/overlays-staging.yaml"
node "$OPS_TOOLS/k8s-validate.mjs" --capacity "$out/overlays-production.yaml"

# The log shipper's configuration, with log lines a Redirector wrote (the backup drill adds its own services' lines).
node "$OPS_TOOLS/fluent-bit-check.mjs" "$out/overlays-staging.yaml" "$OPS_TOOLS/fixtures/service-log-lines.jsonl"
node "$OPS_TOOLS/fluent-bit-check.mjs" "$out/overlays-production.yaml" "$OPS_TOOLS/fixtures/service-log-lines.jsonl"
# The Secret template, for clusters without the External Secrets operator.
node "$OPS_TOOLS/k8s-validate.mjs" deploy/k8s/base/secret.template.yaml
