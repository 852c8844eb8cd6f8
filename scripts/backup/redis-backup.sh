#!/usr/bin/env bash
# Backup of Redis (an RDB snapshot every 15 minutes, kept 24 hours): pulls a consistent RDB snapshot over
# the network with `redis-cli --rdb` (works whether the server persists with RDB or AOF).
#   redis-backup.sh --out FILE [--url redis://[:password@]host:6379]
# The URL defaults to $REDIS_URL. Managed Redis that forbids SYNC (ElastiCache): use its snapshots instead.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

out='' url=${REDIS_URL:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=${2:-}; shift 2 || usage_error "--out needs a file" ;;
    --url) url=${2:-}; shift 2 || usage_error "--url needs a URL" ;;
    *) usage_error "unknown argument '$1'" ;;
  esac
done
[ -n "$out" ] || usage_error "--out FILE is required"
[ -n "$url" ] || usage_error "no Redis: pass --url or set REDIS_URL"
check_redis_url "$url"
[ ! -e "$out" ] || die "$out exists; refusing to overwrite a backup"
need redis-cli redis-tools

started=$SECONDS
# REDIS_PASSWORD (docs/configuration.md) overrides the URL's password; it travels in the environment, not in argv.
if [ -n "${REDIS_PASSWORD:-}" ]; then export REDISCLI_AUTH=$REDIS_PASSWORD; fi
if ! redis-cli -u "$url" --no-auth-warning --rdb "$out.partial" >"$out.log" 2>&1; then
  cat "$out.log" >&2; rm -f "$out.log" "$out.partial"; die "redis-cli --rdb failed"
fi
rm -f "$out.log"
mv "$out.partial" "$out"
(cd "$(dirname "$out")" && sha256sum "$(basename "$out")" >"$(basename "$out").sha256")
echo "redis-backup: $(redact "$url") → $out ($(du -h "$out" | cut -f1), $((SECONDS - started)) s)"
