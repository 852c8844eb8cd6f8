#!/usr/bin/env bash
# The backup/restore drill (issue 8; plan 6.1–6.3): on a throw-away PostgreSQL and Redis (127.0.0.1, free ports,
# temporary folders), migrate the real schema (src/Migrator), create data, back up with pg-backup.sh and
# redis-backup.sh, destroy the database and the Redis data, restore with pg-restore.sh and redis-restore.sh, and prove
# nothing was lost: per table, row counts and content checksums equal; every Redis key and value equal. Also checks
# that the scripts refuse bad arguments and a non-empty target. Reports the restore time against the plan's RTO
# (PostgreSQL < 1 hour, Redis < 15 minutes).
#   drill.sh [--rows N]        N QR codes to create (default 20000)
# Needs the built Migrator (dotnet build QrAspire.sln, as scripts/test.sh does first).
# TODO(api): create the data through the Api (sign-up, POST /api/v1/qr-codes) once those endpoints land; today the
# rows are inserted with SQL into the migrated schema.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR source=lib.sh
source scripts/backup/lib.sh

rows=20000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=${2:-}; shift 2 || usage_error "--rows needs a number" ;;
    *) usage_error "unknown argument '$1'" ;;
  esac
done
[[ "$rows" =~ ^[1-9][0-9]{0,6}$ ]] || usage_error "--rows must be a number from 1 to 9999999"

for tool in redis-server:redis-server redis-cli:redis-tools psql:postgresql-client pg_dump:postgresql-client; do
  if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || die "${tool%%:*} is missing (apt-get install ${tool#*:})"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${tool#*:}" >/dev/null
  fi
done
pg_bin=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -1 || true)
if [ -z "$pg_bin" ]; then
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL server binaries are missing (apt-get install postgresql)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  pg_bin=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -1)
fi
migrator=src/Migrator/bin/Debug/net10.0/QrAspire.Migrator.dll
[ -f "$migrator" ] || die "$migrator is missing: build first (dotnet build QrAspire.sln, as scripts/test.sh does)"

work=$(mktemp -d /tmp/qraspire-drill.XXXXXX)
chmod 755 "$work"
pg_pid='' redis_pid=''
stop_servers() {
  if [ -n "$pg_pid" ]; then kill -INT "$pg_pid" 2>/dev/null || true; fi
  if [ -n "$redis_pid" ]; then kill -TERM "$redis_pid" 2>/dev/null || true; fi
  for pid in $pg_pid $redis_pid; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  done
  pg_pid='' redis_pid=''
}
trap 'stop_servers; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null || shuf -i 20000-60000 -n 1; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi; }
step() { printf '== %s\n' "$*"; }
drill_started=$SECONDS

# ---- a throw-away PostgreSQL ----
pg_port=$(free_port)
mkdir -p "$work/pg"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$work/pg"
as_postgres "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
start_postgres() {
  as_postgres "$pg_bin/postgres" -D "$work/pg/data" -p "$pg_port" -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
    -c fsync=off >"$work/pg.log" 2>&1 &
  pg_pid=$!
  for _ in $(seq 1 60); do psql "postgresql://postgres@127.0.0.1:$pg_port/postgres" -XAtqc 'select 1' >/dev/null 2>&1 && return 0; sleep 0.5; done
  tail -5 "$work/pg.log"; die "PostgreSQL did not start"
}
start_postgres
admin="postgresql://postgres@127.0.0.1:$pg_port/postgres"
export DATABASE_URL="postgresql://postgres@127.0.0.1:$pg_port/qraspire"
psql "$admin" -XAtqc 'CREATE DATABASE qraspire' >/dev/null

# ---- a throw-away Redis (append-only, as the AppHost and production run it) ----
redis_port=$(free_port)
mkdir -p "$work/redis"
start_redis() { # start_redis APPENDONLY
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$work/redis" --appendonly "$1" --save '' \
    --protected-mode yes >"$work/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 1 40); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return 0; sleep 0.25; done
  die "redis-server did not start"
}
start_redis yes
export REDIS_URL="redis://127.0.0.1:$redis_port"

# ---- schema and data ----
step "migrate the real schema (src/Migrator) and create $rows QR codes"
dotnet "$migrator" >"$work/migrator.log" 2>&1 || { tail -20 "$work/migrator.log"; die "the migrator failed"; }
accounts=$(( (rows + 99) / 100 ))
psql "$DATABASE_URL" -X -v ON_ERROR_STOP=1 -q <<SQL
INSERT INTO accounts (id, email, normalized_email, password_hash, email_verified_at, created_at)
SELECT 'acc_' || lpad(i::text, 8, '0'), 'user' || i || '@example.com', 'USER' || i || '@EXAMPLE.COM',
       md5('password' || i), now() - (i || ' minutes')::interval, now() - (i || ' hours')::interval
FROM generate_series(1, $accounts) AS i;
INSERT INTO qr_codes (id, owner_id, name, kind, short_code, destination, payload, redirect_status, status, expires_at,
                      deleted_at, created_at, updated_at, version)
SELECT 'qr_' || lpad(i::text, 10, '0'), 'acc_' || lpad((1 + i % $accounts)::text, 8, '0'), 'Poster ' || i || ' — été',
       i % 2, CASE WHEN i % 2 = 1 THEN 'c' || to_hex(i * 7919) END,
       CASE WHEN i % 2 = 1 THEN 'https://example.com/landing/' || i || '?utm_source=qr' END,
       CASE WHEN i % 2 = 0 THEN '{"type":"text","text":"hello ' || i || '"}' END,
       CASE WHEN i % 2 = 1 THEN 302 ELSE 0 END, i % 3, NULL, NULL,
       timestamptz '2026-01-01' + (i || ' seconds')::interval, timestamptz '2026-01-02' + (i || ' seconds')::interval, 1
FROM generate_series(1, $rows) AS i;
SQL
for i in $(seq 1 200); do printf 'SET qraspire:redirect:c%x "https://example.com/landing/%d"\nRPUSH qraspire:scans:queue "{\\"id\\":\\"scan-%d\\"}"\n' "$i" "$i" "$i"; done |
  redis-cli -p "$redis_port" >/dev/null

# Per table: row count and an md5 of every row's text, in primary-key-independent order.
pg_fingerprint() {
  local table
  for table in $(psql "$DATABASE_URL" -XAtqc "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"); do
    psql "$DATABASE_URL" -XAtqc "SELECT '$table', count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '-') FROM $table AS t"
  done
}
redis_fingerprint() {
  redis-cli -p "$redis_port" --scan | sort | while read -r key; do
    case "$(redis-cli -p "$redis_port" type "$key")" in
      string) printf '%s string %s\n' "$key" "$(redis-cli -p "$redis_port" get "$key" | sha256sum | cut -c1-16)" ;;
      list) printf '%s list %s\n' "$key" "$(redis-cli -p "$redis_port" lrange "$key" 0 -1 | sha256sum | cut -c1-16)" ;;
      *) printf '%s other\n' "$key" ;;
    esac
  done | sha256sum | cut -c1-16
}
pg_fingerprint >"$work/before.pg"
redis_before=$(redis_fingerprint)
redis_keys_before=$(redis-cli -p "$redis_port" dbsize)
echo "   PostgreSQL: $(awk -F'|' '{printf "%s %s rows; ", $1, $2}' "$work/before.pg")"
echo "   Redis: $redis_keys_before keys"

# ---- the scripts refuse bad input ----
step "bad input is refused"
refuses() { # refuses EXPECTED_EXIT DESCRIPTION COMMAND...
  local expected=$1 what=$2 code=0
  shift 2
  "$@" >"$work/refusal.log" 2>&1 || code=$?
  [ "$code" -eq "$expected" ] || { cat "$work/refusal.log"; die "expected exit $expected for: $what (got $code)"; }
  echo "   refused ($code): $what — $(head -1 "$work/refusal.log")"
}
refuses 64 "pg-backup.sh without --out" bash scripts/backup/pg-backup.sh
refuses 64 "pg-backup.sh with a malformed URL" bash scripts/backup/pg-backup.sh --out "$work/x.dump" --url 'mysql://nope'
refuses 64 "redis-backup.sh with an unknown argument" bash scripts/backup/redis-backup.sh --out "$work/x.rdb" --bogus
refuses 1 "pg-restore.sh of a missing file" bash scripts/backup/pg-restore.sh --in "$work/missing.dump"

# ---- back up ----
step "back up"
backup_started=$SECONDS
bash scripts/backup/pg-backup.sh --out "$work/qraspire.dump"
bash scripts/backup/redis-backup.sh --out "$work/redis.rdb"
refuses 1 "pg-backup.sh over an existing backup" bash scripts/backup/pg-backup.sh --out "$work/qraspire.dump"
refuses 1 "pg-restore.sh into the non-empty database" bash scripts/backup/pg-restore.sh --in "$work/qraspire.dump"
backup_seconds=$((SECONDS - backup_started))

# ---- disaster ----
step "destroy the database and the Redis data"
psql "$admin" -XAtqc 'DROP DATABASE qraspire WITH (FORCE)' >/dev/null
psql "$admin" -XAtqc 'CREATE DATABASE qraspire' >/dev/null
kill -TERM "$redis_pid"; wait "$redis_pid" 2>/dev/null || true; redis_pid=''
rm -rf "${work:?}/redis"/*
[ "$(psql "$DATABASE_URL" -XAtqc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] || die "the database was not destroyed"

# ---- restore ----
step "restore"
restore_started=$SECONDS
bash scripts/backup/pg-restore.sh --in "$work/qraspire.dump"
pg_restore_seconds=$((SECONDS - restore_started))
redis_started=$SECONDS
bash scripts/backup/redis-restore.sh --in "$work/redis.rdb" --data-dir "$work/redis"
start_redis no
redis-cli -p "$redis_port" config set appendonly yes >/dev/null
redis_restore_seconds=$((SECONDS - redis_started))
refuses 1 "redis-restore.sh into a folder with data" bash scripts/backup/redis-restore.sh --in "$work/redis.rdb" --data-dir "$work/redis"

# ---- nothing lost ----
step "verify"
pg_fingerprint >"$work/after.pg"
if ! diff -u "$work/before.pg" "$work/after.pg"; then die "PostgreSQL content differs after the restore"; fi
echo "   PostgreSQL: every table's row count and content checksum equal ($(wc -l <"$work/after.pg") tables)"
[ "$(redis_fingerprint)" = "$redis_before" ] || die "Redis content differs after the restore"
echo "   Redis: all $redis_keys_before keys and values equal"
# The migrations history came back too: the Migrator finds nothing to apply.
dotnet "$migrator" >"$work/migrator2.log" 2>&1 || { tail -20 "$work/migrator2.log"; die "the migrator fails on the restored database"; }

total=$((SECONDS - drill_started))
echo "drill: restore took PostgreSQL ${pg_restore_seconds} s (RTO < 3600 s), Redis ${redis_restore_seconds} s (RTO < 900 s); backup ${backup_seconds} s; whole drill ${total} s"
if [ "$pg_restore_seconds" -ge 3600 ] || [ "$redis_restore_seconds" -ge 900 ]; then die "restore slower than the plan's RTO"; fi
echo "drill: passed — nothing lost"
