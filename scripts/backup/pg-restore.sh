#!/usr/bin/env bash
# Restores a pg-backup.sh file into a database (docs/operations/backup-and-restore.md, restore step 3). Refuses a database that already holds tables
# unless --force (then existing objects are dropped first). Verifies FILE.sha256 when it is there.
#   pg-restore.sh --in FILE [--url postgresql://user:password@host:5432/db] [--force]
# The URL defaults to $DATABASE_URL. Stop the application's writes first (scale the Api and Worker to 0).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

in='' url=${DATABASE_URL:-} force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --in) in=${2:-}; shift 2 || usage_error "--in needs a file" ;;
    --url) url=${2:-}; shift 2 || usage_error "--url needs a URL" ;;
    --force) force=1; shift ;;
    *) usage_error "unknown argument '$1'" ;;
  esac
done
[ -n "$in" ] || usage_error "--in FILE is required"
[ -n "$url" ] || usage_error "no database: pass --url or set DATABASE_URL"
check_pg_url "$url"
[ -f "$in" ] || die "no backup file at $in"
need pg_restore postgresql-client
need psql postgresql-client
if [ -f "$in.sha256" ]; then
  (cd "$(dirname "$in")" && sha256sum --check --status "$(basename "$in").sha256") || die "$in does not match $in.sha256"
fi
pg_restore --list "$in" >/dev/null || die "$in is not a pg_dump custom-format archive"

tables=$(psql --dbname="$url" -XAtqc "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
if [ "$tables" -gt 0 ] && [ "$force" -ne 1 ]; then
  die "$(redact "$url") is not empty ($tables tables); refusing to restore over it (pass --force to replace its contents)"
fi

started=$SECONDS
clean=()
[ "$force" -eq 1 ] && clean=(--clean --if-exists)
pg_restore --dbname="$url" --no-owner --no-privileges --single-transaction --exit-on-error "${clean[@]}" "$in"
echo "pg-restore: $in → $(redact "$url") ($((SECONDS - started)) s)"
