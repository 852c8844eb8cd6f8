# Shared helpers for scripts/ops/*.sh (sourced, not run). Installs missing tools with apt (as root) or npm, once.
# shellcheck shell=bash

# shellcheck disable=SC2034 # OPS_DIR, REPO_ROOT, OPS_TOOLS are for the scripts that source this file
OPS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$OPS_DIR/../.." && pwd)"
OPS_TOOLS="$OPS_DIR/tools"

log() { printf '== %s\n' "$*"; }
die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

_apt_updated=0
# ensure_apt COMMAND PACKAGE: installs PACKAGE with apt-get when COMMAND is not on the PATH.
ensure_apt() {
  local command=$1 package=$2
  command -v "$command" >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] || die "$command is missing; install it with: apt-get install $package (or run as root)"
  if [ "$_apt_updated" -eq 0 ]; then
    apt-get update -qq >/dev/null
    _apt_updated=1
  fi
  log "installing $package (apt)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
  command -v "$command" >/dev/null 2>&1 || die "$package installed but $command is still missing"
}

# ensure_node_tools: node + npm, then the pinned packages of scripts/ops/tools (package-lock.json) with npm ci.
ensure_node_tools() {
  ensure_apt node nodejs
  ensure_apt npm npm
  if [ ! -f "$OPS_TOOLS/node_modules/.package-lock.json" ] || [ "$OPS_TOOLS/package-lock.json" -nt "$OPS_TOOLS/node_modules/.package-lock.json" ]; then
    log "installing npm tools (scripts/ops/tools/package-lock.json)"
    (cd "$OPS_TOOLS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

# ensure_kubectl: kubectl with its built-in kustomize (the machine image has it; Debian's kubernetes-client otherwise).
ensure_kubectl() {
  if ! command -v kubectl >/dev/null 2>&1; then
    ensure_apt kubectl kubernetes-client
  fi
}

# elapsed START: seconds since START (from $SECONDS).
elapsed() { echo $((SECONDS - $1)); }
