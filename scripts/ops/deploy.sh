#!/usr/bin/env bash
# Deploys QrAspire to a Kubernetes namespace: what .github/workflows/deploy.yml runs (docs/operations/deployment.md).
#
#   deploy.sh render   ENV VERSION      render deploy/k8s/overlays/ENV with the images IMAGE_PREFIX-<service>:VERSION
#                                       into $DEPLOY_DIR (migrate.yaml, app.yaml) — no cluster needed
#   deploy.sh migrate  ENV VERSION      run the migration Job qr-migrate-VERSION and wait for it (fails the deploy if it fails)
#   deploy.sh apply    ENV VERSION      apply everything and wait for every Deployment (staging: all at once)
#   deploy.sh canary   ENV VERSION PCT  run the new version as PCT % of the api and redirector pods (track=canary)
#   deploy.sh gate     ENV MINUTES      watch the canary for MINUTES: abort on a rollback trigger
#   deploy.sh promote  ENV VERSION      roll the stable Deployments to the new version, then remove the canaries
#   deploy.sh rollback ENV              remove the canaries and undo the stable Deployments' last rollout
#
# Environment: IMAGE_PREFIX (e.g. ghcr.io/owner/qraspire; images are IMAGE_PREFIX-api etc.), DEPLOY_DIR (default
# ./.deploy), PROMETHEUS_URL (gate), DRY_RUN=1 (print kubectl commands instead of running them).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

usage() { sed -n '2,17p' "$0" >&2; exit 64; }
[ $# -ge 2 ] || usage
command=$1 env=$2
case "$env" in staging | production) ;; *) die "ENV must be staging or production, got '$env'" ;; esac
namespace="qraspire-$env"
DEPLOY_DIR=${DEPLOY_DIR:-$PWD/.deploy}
DEPLOY_DIR=$(mkdir -p "$DEPLOY_DIR" && cd "$DEPLOY_DIR" && pwd)
canaries=(qr-api qr-redirector)

k() {
  if [ "${DRY_RUN:-0}" = 1 ]; then echo "+ kubectl -n $namespace $*"; else kubectl -n "$namespace" "$@"; fi
}
need_version() {
  [ -n "${1:-}" ] || die "$command needs a VERSION"
  [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$ ]] || die "VERSION '$1' is not a valid image tag"
}
need_rendered() { [ -f "$DEPLOY_DIR/app.yaml" ] || die "run '$0 render $env VERSION' first"; }

render() {
  need_version "${1:-}"
  [ -n "${IMAGE_PREFIX:-}" ] || die "IMAGE_PREFIX is not set (e.g. ghcr.io/owner/qraspire)"
  ensure_kubectl
  ensure_node_tools
  kubectl kustomize "$REPO_ROOT/deploy/k8s/overlays/$env" >"$DEPLOY_DIR/rendered.yaml"
  node "$OPS_TOOLS/rollout.mjs" split "$DEPLOY_DIR/rendered.yaml" "$IMAGE_PREFIX" "$1" "$DEPLOY_DIR"
  node "$OPS_TOOLS/k8s-validate.mjs" "$DEPLOY_DIR/app.yaml" "$DEPLOY_DIR/migrate.yaml"
}

migrate() {
  need_version "${1:-}"
  need_rendered
  local job
  job=qr-migrate-$(node -e 'process.stdout.write(process.argv[1].toLowerCase().replace(/[^a-z0-9-]+/g,"-").replace(/^-+|-+$/g,"").slice(0,40))' "$1")
  # The namespace, ConfigMap and ServiceAccount must exist before the Job (first deploy into a fresh namespace).
  k apply -f "$DEPLOY_DIR/prereq.yaml"
  k apply -f "$DEPLOY_DIR/migrate.yaml"
  [ "${DRY_RUN:-0}" = 1 ] && return 0
  log "waiting for job/$job (at most 15 minutes)"
  local deadline=$((SECONDS + 900))
  while [ $SECONDS -lt $deadline ]; do
    if [ "$(k get job "$job" -o jsonpath='{.status.succeeded}')" = 1 ]; then
      log "migration $job complete"
      return 0
    fi
    if [ "$(k get job "$job" -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}')" = True ]; then
      k logs "job/$job" --tail=50 || true
      die "migration $job failed: the old version keeps serving"
    fi
    sleep 5
  done
  die "migration $job did not finish in 15 minutes"
}

wait_rollouts() {
  local deployment
  for deployment in "$@"; do
    k rollout status "deployment/$deployment" --timeout=10m
  done
}

apply_all() {
  need_version "${1:-}"
  need_rendered
  k apply -f "$DEPLOY_DIR/app.yaml"
  if ! wait_rollouts qr-api qr-redirector qr-worker qr-web; then
    log "rollout failed: undoing"
    rollback
    die "rollout of $1 failed and was rolled back"
  fi
}

canary() {
  need_version "${1:-}"
  need_rendered
  local percent=${2:-} deployment stable
  if ! [[ "$percent" =~ ^[0-9]+$ ]] || [ "$percent" -lt 1 ] || [ "$percent" -gt 99 ]; then
    die "canary needs a percentage 1-99, got '$percent'"
  fi
  for deployment in "${canaries[@]}"; do
    stable=$(k get "deployment/$deployment" -o jsonpath='{.spec.replicas}' 2>/dev/null || true)
    [[ "$stable" =~ ^[1-9][0-9]*$ ]] || stable=3 # not there yet (or DRY_RUN): the HPA's minimum
    node "$OPS_TOOLS/rollout.mjs" canary "$DEPLOY_DIR/app.yaml" "$deployment" "$percent" "$stable" >"$DEPLOY_DIR/$deployment-canary.yaml"
    k apply -f "$DEPLOY_DIR/$deployment-canary.yaml"
  done
  wait_rollouts "${canaries[@]/%/-canary}" || { rollback; die "canary pods did not become ready; rolled back"; }
  log "canary at $percent % of api and redirector pods"
}

# The measured rollback triggers (docs/operations/monitoring.md): error rate > 5 %, p99 latency > 2x normal (the
# stable pods' p99).
gate() {
  local minutes=${1:-}
  if ! [[ "$minutes" =~ ^[0-9]+$ ]] || [ "$minutes" -lt 1 ] || [ "$minutes" -gt 60 ]; then
    die "gate needs MINUTES 1-60, got '$minutes'"
  fi
  [ -n "${PROMETHEUS_URL:-}" ] || die "PROMETHEUS_URL is not set: a canary is never promoted unwatched"
  local deadline=$((SECONDS + minutes * 60)) breach
  local ns="namespace=\"$namespace\""
  local errors="max(job_track:http_requests_5xx:ratio5m{track=\"canary\",$ns} > 0.05)"
  local latency="max(job_track:http_request_duration_seconds:p99_5m{track=\"canary\",$ns} > 2 * on(job, namespace) job_track:http_request_duration_seconds:p99_5m{track=\"stable\",$ns})"
  while [ $SECONDS -lt $deadline ]; do
    for breach in "$errors" "$latency"; do
      local answer
      answer=$(curl -fsS --max-time 10 --get "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=$breach") || die "Prometheus did not answer: gate fails closed"
      if [ "$(printf '%s' "$answer" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(String(JSON.parse(s).data.result.length)))')" != 0 ]; then
        log "rollback trigger: $breach"
        return 1
      fi
    done
    sleep 30
  done
  log "canary healthy for $minutes minutes"
}

promote() {
  need_version "${1:-}"
  need_rendered
  k apply -f "$DEPLOY_DIR/app.yaml"
  if ! wait_rollouts qr-api qr-redirector qr-worker qr-web; then
    rollback
    die "promotion of $1 failed and was rolled back"
  fi
  local deployment
  for deployment in "${canaries[@]}"; do k delete "deployment/$deployment-canary" --ignore-not-found; done
  log "$1 serves 100 %"
}

rollback() {
  local deployment revision
  for deployment in "${canaries[@]}"; do k delete "deployment/$deployment-canary" --ignore-not-found; done
  [ "${DRY_RUN:-0}" = 1 ] && { echo "+ kubectl -n $namespace rollout undo deployment/<each Deployment running this release>"; log "rolled back"; return 0; }
  for deployment in qr-api qr-redirector qr-worker qr-web; do
    # Undo only a Deployment whose last rollout is this release (its template carries the new image).
    revision=$(k get "deployment/$deployment" -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision}' 2>/dev/null || true)
    if [[ "$revision" =~ ^[0-9]+$ ]] && [ "$revision" -gt 1 ] && [ -f "$DEPLOY_DIR/app.yaml" ] &&
      [ "$(k get "deployment/$deployment" -o jsonpath='{.spec.template.spec.containers[0].image}')" = "$(grep -m1 -o "image: .*-${deployment#qr-}:.*" "$DEPLOY_DIR/app.yaml" | cut -d' ' -f2)" ]; then
      k rollout undo "deployment/$deployment"
    fi
  done
  wait_rollouts qr-api qr-redirector qr-worker qr-web || true
  log "rolled back"
}

shift 2
case "$command" in
  render) render "$@" ;;
  migrate) migrate "$@" ;;
  apply) apply_all "$@" ;;
  canary) canary "$@" ;;
  gate) gate "$@" ;;
  promote) promote "$@" ;;
  rollback) rollback ;;
  *) usage ;;
esac
