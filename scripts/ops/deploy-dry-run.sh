#!/usr/bin/env bash
# Exercises scripts/ops/deploy.sh without a cluster (DRY_RUN=1): render both environments with a release's images,
# split out the version-named migration Job, build the 25 % and 50 % canaries, and schema/policy-check all of it.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
ensure_kubectl
ensure_node_tools
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export IMAGE_PREFIX=ghcr.io/example/qraspire DRY_RUN=1
for env in staging production; do
  export DEPLOY_DIR="$work/$env"
  bash "$OPS_DIR/deploy.sh" render "$env" v1.2.3 >/dev/null
  bash "$OPS_DIR/deploy.sh" migrate "$env" v1.2.3 >/dev/null
  grep -q 'name: qr-migrate-v1-2-3$' "$DEPLOY_DIR/migrate.yaml" || die "$env: the migration Job is not named after the version"
  grep -q "image: ghcr.io/example/qraspire-migrator:v1.2.3" "$DEPLOY_DIR/migrate.yaml" || die "$env: the migration Job does not run the release's image"
  for percent in 25 50; do
    bash "$OPS_DIR/deploy.sh" canary "$env" v1.2.3 "$percent" >/dev/null
    replicas=$(sed -n 's/^  replicas: //p' "$DEPLOY_DIR/qr-api-canary.yaml")
    expected=$(( percent == 25 ? 1 : 3 )) # beside 3 stable pods: 1 of 4 = 25 %, 3 of 6 = 50 %
    [ "$replicas" = "$expected" ] || die "$env: canary at $percent % has $replicas pods, expected $expected"
  done
  node "$OPS_TOOLS/k8s-validate.mjs" "$DEPLOY_DIR/app.yaml" "$DEPLOY_DIR/migrate.yaml" "$DEPLOY_DIR/qr-api-canary.yaml" "$DEPLOY_DIR/qr-redirector-canary.yaml"
  bash "$OPS_DIR/deploy.sh" promote "$env" v1.2.3 >/dev/null
  bash "$OPS_DIR/deploy.sh" rollback "$env" >/dev/null
done
code=0
bash "$OPS_DIR/deploy.sh" render qa v1 >/dev/null 2>&1 || code=$?
[ "$code" -ne 0 ] || die "deploy.sh accepted an unknown environment"
code=0
bash "$OPS_DIR/deploy.sh" render staging 'v1;rm -rf' >/dev/null 2>&1 || code=$?
[ "$code" -ne 0 ] || die "deploy.sh accepted a malformed version"
echo "deploy dry run: both environments render, migrate first under a versioned Job, canaries at 25 % and 50 %, bad arguments refused"
