#!/usr/bin/env bash
# Restores a redis-backup.sh snapshot into a Redis data folder (the server must be stopped). Refuses a folder that
# already holds data (dump.rdb or appendonly files) unless --force. Then start redis-server on that folder with
# `--appendonly no`, and once it has loaded, `redis-cli CONFIG SET appendonly yes` rewrites the AOF from it
# (docs/operations/backup-and-restore.md).
#   redis-restore.sh --in FILE --data-dir DIR [--force]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"

in='' dir='' force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --in) in=${2:-}; shift 2 || usage_error "--in needs a file" ;;
    --data-dir) dir=${2:-}; shift 2 || usage_error "--data-dir needs a folder" ;;
    --force) force=1; shift ;;
    *) usage_error "unknown argument '$1'" ;;
  esac
done
[ -n "$in" ] || usage_error "--in FILE is required"
[ -n "$dir" ] || usage_error "--data-dir DIR is required"
[ -f "$in" ] || die "no snapshot at $in"
[ -d "$dir" ] || die "no folder at $dir"
[ "$(head -c 5 "$in")" = REDIS ] || die "$in is not an RDB snapshot"
if [ -f "$in.sha256" ]; then
  (cd "$(dirname "$in")" && sha256sum --check --status "$(basename "$in").sha256") || die "$in does not match $in.sha256"
fi
if compgen -G "$dir/dump.rdb" >/dev/null || compgen -G "$dir/appendonly*" >/dev/null; then
  [ "$force" -eq 1 ] || die "$dir already holds Redis data; refusing to replace it (pass --force)"
  rm -rf "$dir/dump.rdb" "$dir"/appendonly*
fi
cp "$in" "$dir/dump.rdb"
echo "redis-restore: $in → $dir/dump.rdb; start redis-server --dir $dir --appendonly no, then CONFIG SET appendonly yes"
