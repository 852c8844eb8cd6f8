#!/usr/bin/env bash
# The backup CronJobs' script (deploy/k8s/base/backup.yaml), mounted into their pods from a ConfigMap. Each run is
# two steps in two containers sharing one folder: `dump` (in the PostgreSQL or Redis image, which has the client)
# writes one snapshot and its SHA-256; `upload` (in the AWS CLI image) copies both to S3 and deletes that kind's
# snapshots older than the retention. scripts/backup/drill.sh runs this same file against a loopback PostgreSQL,
# Redis and S3-protocol server and restores from what it uploaded.
#   backup.sh dump   postgres|redis DIR     needs DATABASE_URL, or REDIS_URL (+ REDIS_PASSWORD)
#   backup.sh upload postgres|redis DIR     needs BACKUP_S3_URI (s3://bucket[/prefix]) and RETENTION_HOURS;
#                                           BACKUP_S3_ENDPOINT (an S3-protocol URL) only off AWS
# Objects: <BACKUP_S3_URI>/<kind>/qraspire-<UTC yyyymmddThhmmssZ>.{dump,rdb}(.sha256). Retention goes by the time in
# the name, so a copied or restored object keeps its age.
set -euo pipefail

die() { printf 'backup.sh: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }
[ $# -eq 3 ] || usage
step=$1 kind=$2 dir=$3
case "$kind" in postgres) ext=dump ;; redis) ext=rdb ;; *) usage ;; esac
[ -d "$dir" ] || die "folder $dir does not exist"

dump() {
  local name
  name="qraspire-$(date -u +%Y%m%dT%H%M%SZ).$ext"
  if [ "$kind" = postgres ]; then
    [ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL is not set"
    pg_dump --dbname="$DATABASE_URL" --format=custom --compress=6 --no-owner --no-privileges --file="$dir/$name.partial"
  else
    [ -n "${REDIS_URL:-}" ] || die "REDIS_URL is not set"
    # The password travels in the environment, never in argv (visible in ps).
    if [ -n "${REDIS_PASSWORD:-}" ]; then export REDISCLI_AUTH=$REDIS_PASSWORD; fi
    redis-cli -u "$REDIS_URL" --no-auth-warning --rdb "$dir/$name.partial" >"$dir/redis-cli.log" 2>&1 ||
      { cat "$dir/redis-cli.log" >&2; die "redis-cli --rdb failed (a managed Redis that forbids SYNC keeps its own snapshots)"; }
    rm -f "$dir/redis-cli.log"
  fi
  mv "$dir/$name.partial" "$dir/$name"
  (cd "$dir" && sha256sum "$name" >"$name.sha256")
  echo "backup.sh: $kind snapshot $name ($(du -h "$dir/$name" | cut -f1))"
}

upload() {
  [[ "${BACKUP_S3_URI:-}" =~ ^s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/(.*[^/])?)?/?$ ]] || die "BACKUP_S3_URI must be s3://bucket[/prefix], got '${BACKUP_S3_URI:-}'"
  local bucket=${BASH_REMATCH[1]} prefix=${BASH_REMATCH[3]:-}
  prefix=${prefix:+$prefix/}$kind/
  [[ "${RETENTION_HOURS:-}" =~ ^[1-9][0-9]*$ ]] || die "RETENTION_HOURS must be a whole number of hours, got '${RETENTION_HOURS:-}'"
  local aws=(aws ${BACKUP_S3_ENDPOINT:+--endpoint-url "$BACKUP_S3_ENDPOINT"})
  local file found=0
  for file in "$dir"/qraspire-*."$ext"; do
    [ -f "$file" ] || continue
    (cd "$dir" && sha256sum --check --status "$(basename "$file").sha256") || die "$file does not match its .sha256"
    "${aws[@]}" s3 cp --only-show-errors "$file.sha256" "s3://$bucket/$prefix$(basename "$file").sha256"
    "${aws[@]}" s3 cp --only-show-errors "$file" "s3://$bucket/$prefix$(basename "$file")"
    echo "backup.sh: uploaded s3://$bucket/$prefix$(basename "$file")"
    found=$((found + 1))
  done
  [ "$found" -gt 0 ] || die "no $kind snapshot in $dir (did the dump step run?)"

  # Retention: the S3 lifecycle rule is the safety net; this keeps the RETENTION_HOURS window exactly.
  local cutoff key stamp pruned=0
  cutoff=$(date -u -d "-$RETENTION_HOURS hours" +%Y%m%dT%H%M%SZ)
  for key in $("${aws[@]}" s3api list-objects-v2 --bucket "$bucket" --prefix "$prefix" --query 'Contents[].Key' --output text); do
    [[ "$key" =~ qraspire-([0-9]{8}T[0-9]{6}Z)\.$ext(\.sha256)?$ ]] || continue
    stamp=${BASH_REMATCH[1]}
    if [[ "$stamp" < "$cutoff" ]]; then
      "${aws[@]}" s3 rm --only-show-errors "s3://$bucket/$key"
      pruned=$((pruned + 1))
    fi
  done
  echo "backup.sh: $kind: $found snapshot(s) uploaded, $pruned object(s) older than $RETENTION_HOURS h deleted"
}

case "$step" in
  dump) dump ;;
  upload) upload ;;
  *) usage ;;
esac
