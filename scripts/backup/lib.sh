# Shared by scripts/backup/*.sh (sourced). Argument checks and small helpers; no secrets are printed.
# shellcheck shell=bash

die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
usage_error() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 64; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is missing (apt-get install $2)"; }

# check_pg_url URL: a postgresql:// URL naming a host and a database (the DATABASE_URL form).
check_pg_url() {
  [[ "$1" =~ ^postgres(ql)?://([^@/]+@)?[^/:@]+(:[0-9]+)?/[A-Za-z0-9_-]+(\?.*)?$ ]] ||
    usage_error "not a postgresql://user:password@host:5432/database URL: '$(redact "$1")'"
}
# check_redis_url URL: redis://[user][:password]@host:port[/db].
check_redis_url() {
  [[ "$1" =~ ^rediss?://([^@/]*@)?[^/:@]+:[0-9]+(/[0-9]+)?$ ]] || usage_error "not a redis://[:password@]host:port URL: '$(redact "$1")'"
}
# redact URL: the URL without its password.
redact() { sed -E 's#(://[^:/@]*):[^@]*@#\1:***@#' <<<"$1"; }
