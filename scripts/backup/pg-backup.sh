#!/usr/bin/env bash
# Full logical backup of the QrAspire PostgreSQL database (daily full; hourly WAL — see
# docs/operations/backup-and-restore.md for WAL archiving and point-in-time recovery).
#   pg-backup.sh --out FILE [--url postgresql://user:password@host:5432/db]
# The URL defaults to $DATABASE_URL (keep it in the environment: a password on the command line is visible in ps).
# Writes FILE (pg_dump custom format: compressed, restorable table by table) and FILE.sha256.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

out='' url=${DATABASE_URL:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=${2:-}; shift 2 || usage_error "--out needs a file" ;;
    --url) url=${2:-}; shift 2 || usage_error "--url needs a URL" ;;
    *) usage_error "unknown argument '$1'" ;;
  esac
done
[ -n "$out" ] || usage_error "--out FILE is required"
[ -n "$url" ] || usage_error "no database: pass --url or set DATABASE_URL"
check_pg_url "$url"
[ ! -e "$out" ] || die "$out exists; refusing to overwrite a backup"
[ -d "$(dirname "$out")" ] || die "folder $(dirname "$out") does not exist"
need pg_dump postgresql-client

started=$SECONDS
pg_dump --dbname="$url" --format=custom --compress=6 --no-owner --no-privileges --file="$out.partial"
mv "$out.partial" "$out"
(cd "$(dirname "$out")" && sha256sum "$(basename "$out")" >"$(basename "$out").sha256")
echo "pg-backup: $(redact "$url") → $out ($(du -h "$out" | cut -f1), $((SECONDS - started)) s)"
