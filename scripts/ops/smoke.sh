#!/usr/bin/env bash
# Smoke tests after a deploy (and in the Prometheus system test): the Api and the Redirector answer liveness on their
# public URLs but keep readiness and metrics private (they answer on the management port only), and an unknown short
# code gets a 404 page, never a redirect or a server error. Given the management URLs too (from inside the cluster,
# or the AppHost's "NAME management at URL" lines), readiness and metrics are checked there.
#   smoke.sh API_URL REDIRECT_URL [API_MANAGEMENT_URL REDIRECT_MANAGEMENT_URL]
#   e.g. smoke.sh https://api.example.com https://qr.example.com
set -euo pipefail
[ $# -eq 2 ] || [ $# -eq 4 ] || { echo "usage: smoke.sh API_URL REDIRECT_URL [API_MANAGEMENT_URL REDIRECT_MANAGEMENT_URL]" >&2; exit 64; }
api=${1%/} redirect=${2%/} api_management=${3:-} redirect_management=${4:-}
api_management=${api_management%/} redirect_management=${redirect_management%/}
for url in "$@"; do
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

check "api alive" 200 "$api/alive"
check "api readiness not public" 404 "$api/health"
check "api metrics not public" 404 "$api/metrics"
check "redirector alive" 200 "$redirect/alive"
check "redirector readiness not public" 404 "$redirect/health"
check "redirector metrics not public" 404 "$redirect/metrics"
check "unknown short code" 404 "$redirect/zz-smoke-$RANDOM-unknown"
if [ -n "$api_management" ]; then
  check "api ready (management port)" 200 "$api_management/health"
  check "api metrics (management port)" 200 "$api_management/metrics" '^target_info'
  check "redirector ready (management port)" 200 "$redirect_management/health"
  check "redirector metrics (management port)" 200 "$redirect_management/metrics" '^target_info'
fi

if [ "$failures" -gt 0 ]; then
  echo "smoke: $failures check(s) failed"
  exit 1
fi
echo "smoke: all checks passed"
