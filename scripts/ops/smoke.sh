#!/usr/bin/env bash
# Smoke tests after a deploy (and in the Prometheus system test): the Api and the Redirector answer their health
# endpoints and metrics, and an unknown short code gets a 404 page, never a redirect or a server error.
#   smoke.sh API_URL REDIRECT_URL        e.g. smoke.sh https://api.example.com https://qr.example.com
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: smoke.sh API_URL REDIRECT_URL" >&2; exit 64; }
api=${1%/} redirect=${2%/}
for url in "$api" "$redirect"; do
  [[ "$url" =~ ^https?://[^/]+ ]] || { echo "smoke.sh: '$url' is not an http(s) URL" >&2; exit 64; }
done

failures=0
check() { # check NAME EXPECTED_STATUS URL [BODY_PATTERN]
  local name=$1 expected=$2 url=$3 pattern=${4:-} body status
  body=$(mktemp)
  status=$(curl -sS -o "$body" -w '%{http_code}' --max-time 10 --retry 3 --retry-delay 2 --retry-connrefused "$url" || echo 000)
  if [ "$status" != "$expected" ] || { [ -n "$pattern" ] && ! grep -qE "$pattern" "$body"; }; then
    echo "smoke: FAIL $name: $url answered $status (expected $expected${pattern:+ with /$pattern/})"
    failures=$((failures + 1))
  else
    echo "smoke: ok   $name"
  fi
  rm -f "$body"
}

check "api ready" 200 "$api/health"
check "api alive" 200 "$api/alive"
check "api metrics" 200 "$api/metrics" '^target_info'
check "redirector ready" 200 "$redirect/health"
check "redirector alive" 200 "$redirect/alive"
check "redirector metrics" 200 "$redirect/metrics" '^target_info'
check "unknown short code" 404 "$redirect/zz-smoke-$RANDOM-unknown"

if [ "$failures" -gt 0 ]; then
  echo "smoke: $failures check(s) failed"
  exit 1
fi
echo "smoke: all checks passed"
