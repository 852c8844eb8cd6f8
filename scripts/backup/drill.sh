#!/usr/bin/env bash
# The backup/restore drill (docs/operations/backup-and-restore.md): on a throw-away PostgreSQL and Redis (127.0.0.1, free ports,
# temporary folders), migrate the real schema (src/Migrator), start the Api and the Redirector (the built dlls) on
# them, create the data through the Api as users do (sign up, POST /api/v1/qr-codes, follow short links on the
# Redirector, which fills the Redis cache and scan queue), stop the services (as the restore runbook does), back up
# with pg-backup.sh and redis-backup.sh, destroy the database and the Redis data, restore with pg-restore.sh and
# redis-restore.sh, and prove nothing was lost: per table, row counts and content checksums equal; every Redis key and
# value equal; and, with the services started again on the restored data, the same Api answers (same token: the
# JWT_SECRET is unchanged) and the same redirects. Also checks that the scripts refuse bad arguments and a non-empty
# target. Reports the restore time against the restore time targets (PostgreSQL < 1 hour, Redis < 15
# minutes). The scheduled backups are drilled too: the Kubernetes CronJobs' own script (deploy/k8s/base/backup/backup.sh)
# dumps and uploads to an S3-protocol server on loopback (s3rver, from npm), prunes past the retention, and the
# restore starts from the objects it uploaded.
#   drill.sh [--codes N]       N QR codes to create through the Api (default 300, at most 5000)
# Needs the built solution (dotnet build QrAspire.slnx, as scripts/test.sh does first).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR source=lib.sh
source scripts/backup/lib.sh

codes=300
while [ $# -gt 0 ]; do
  case "$1" in
    --codes) codes=${2:-}; shift 2 || usage_error "--codes needs a number" ;;
    *) usage_error "unknown argument '$1'" ;;
  esac
done
{ [[ "$codes" =~ ^[1-9][0-9]{0,3}$ ]] && [ "$codes" -le 5000 ]; } || usage_error "--codes must be a number from 1 to 5000"

for tool in redis-server:redis-server redis-cli:redis-tools psql:postgresql-client pg_dump:postgresql-client curl:curl aws:awscli node:nodejs npm:npm; do
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
api_dll=src/Api/bin/Debug/net10.0/QrAspire.Api.dll
redirector_dll=src/Redirector/bin/Debug/net10.0/QrAspire.Redirector.dll
for dll in "$migrator" "$api_dll" "$redirector_dll"; do
  [ -f "$dll" ] || die "$dll is missing: build first (dotnet build QrAspire.slnx, as scripts/test.sh does)"
done

work=$(mktemp -d /tmp/qraspire-drill.XXXXXX)
chmod 755 "$work"
pg_pid='' redis_pid='' api_pid='' redirector_pid='' s3_pid=''
stop_services() { # the Api and the Redirector: SIGTERM (a graceful stop flushes the scan queue), bounded wait
  local pid
  for pid in $api_pid $redirector_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $api_pid $redirector_pid; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  api_pid='' redirector_pid=''
}
stop_servers() {
  stop_services
  if [ -n "$pg_pid" ]; then kill -INT "$pg_pid" 2>/dev/null || true; fi
  if [ -n "$redis_pid" ]; then kill -TERM "$redis_pid" 2>/dev/null || true; fi
  for pid in $pg_pid $redis_pid; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  done
  if [ -n "$s3_pid" ]; then kill -TERM "$s3_pid" 2>/dev/null || true; fi
  pg_pid='' redis_pid='' s3_pid=''
}
trap 'stop_servers; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null || shuf -i 20000-60000 -n 1; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi; }
step() { printf '== %s\n' "$*"; }
elapsed_since() { echo $((SECONDS - $1)); }
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

# ---- a throw-away S3-protocol server (s3rver, pinned beside the blob storage tests) for the CronJobs' uploads ----
s3rver_dir=tests/QrAspire.Worker.Tests/Storage/s3rver
if [ ! -f "$s3rver_dir/node_modules/s3rver/bin/s3rver.js" ]; then
  (cd "$s3rver_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci in $s3rver_dir failed"
fi
s3_port=$(free_port)
mkdir -p "$work/s3"
node "$s3rver_dir/node_modules/s3rver/bin/s3rver.js" -d "$work/s3" -a 127.0.0.1 -p "$s3_port" -s \
  --configure-bucket qraspire-backups >"$work/s3rver.log" 2>&1 &
s3_pid=$!
for _ in $(seq 1 40); do curl -s -o /dev/null "http://127.0.0.1:$s3_port/" && break; sleep 0.25; done
# What the CronJobs get from qr-config and the pod's role; s3rver's fixed credentials stand in for the role.
export BACKUP_S3_URI=s3://qraspire-backups/drill BACKUP_S3_ENDPOINT=http://127.0.0.1:$s3_port
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=us-east-1
s3() { aws --endpoint-url "$BACKUP_S3_ENDPOINT" "$@"; }

# ---- schema, services, data through the Api ----
step "migrate the real schema (src/Migrator)"
dotnet "$migrator" >"$work/migrator.log" 2>&1 || { tail -20 "$work/migrator.log"; die "the migrator failed"; }

api_port=$(free_port) redirector_port=$(free_port)
api="http://127.0.0.1:$api_port" redirector="http://127.0.0.1:$redirector_port"
jwt_secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
mkdir -p "$work/blobs" "$work/spill"
wait_healthy() { # wait_healthy NAME URL PID LOG
  for _ in $(seq 1 120); do
    curl -fsS --max-time 2 -o /dev/null "$2/health" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { tail -20 "$4"; die "$1 stopped"; }
    sleep 0.5
  done
  tail -20 "$4"; die "$1 was not healthy in 60 s"
}
start_services() { # the Api and the Redirector on the drill's servers; the rate limits raised for the drill's bursts
  DATABASE_URL=$DATABASE_URL REDIS_URL=$REDIS_URL JWT_SECRET=$jwt_secret REDIRECT_BASE_URL=$redirector \
    BLOB_STORAGE_PATH="$work/blobs" API_HOST=127.0.0.1 API_PORT=$api_port RateLimits__Authenticated=100000 RateLimits__Auth=1000 \
    DOTNET_EnableDiagnostics=0 dotnet "$api_dll" >>"$work/api.log" 2>&1 &
  api_pid=$!
  DATABASE_URL=$DATABASE_URL REDIS_URL=$REDIS_URL ASPNETCORE_URLS=$redirector SCAN_SPILL_PATH="$work/spill" \
    DOTNET_EnableDiagnostics=0 dotnet "$redirector_dll" >>"$work/redirector.log" 2>&1 &
  redirector_pid=$!
  wait_healthy Api "$api" "$api_pid" "$work/api.log"
  wait_healthy Redirector "$redirector" "$redirector_pid" "$work/redirector.log"
}
json_string() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; } # json_string FIELD < JSON (flat string values)
api_call() { # api_call METHOD PATH TOKEN [BODY] — the body on stdout; fails on a non-2xx answer
  curl -fsS --max-time 15 -X "$1" "$api$2" -H "Authorization: Bearer $3" ${4:+-H 'content-type: application/json' -d "$4"}
}

step "start the Api and the Redirector; create $codes QR codes through the Api"
start_services
users=$(( (codes + 49) / 50 ))
declare -a tokens=()
for u in $(seq 1 "$users"); do
  tokens[u]=$(curl -fsS --max-time 15 -X POST "$api/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\":\"drill-$u@example.com\",\"password\":\"correct horse battery staple $u\"}" | json_string accessToken) ||
    die "POST /api/v1/auth/register failed for user $u"
  [ -n "${tokens[u]}" ] || die "no access token for user $u"
done
create_codes() { # create_codes USER: every users-th code, half dynamic, half static text, names with non-ASCII text
  local u=$1 i body
  for ((i = u; i <= codes; i += users)); do
    if ((i % 2)); then
      body="{\"name\":\"Poster $i — été\",\"type\":\"dynamic\",\"destination\":\"https://example.com/landing/$i?utm_source=qr\",\"tags\":[\"drill\",\"u$u\"]}"
    else
      body="{\"name\":\"Note $i — été\",\"type\":\"static\",\"content\":{\"type\":\"text\",\"text\":\"hello $i\"},\"style\":{\"modules\":\"rounded\"}}"
    fi
    api_call POST /api/v1/qr-codes "${tokens[u]}" "$body" | json_string id >>"$work/codes.$u" || { echo "code $i of user $u failed" >&2; return 1; }
  done
}
creators=()
for u in $(seq 1 "$users"); do create_codes "$u" & creators+=($!); done
for pid in "${creators[@]}"; do wait "$pid" || die "creating codes through the Api failed (see above; $work/api.log)"; done
created=$(cat "$work"/codes.* | grep -c '^qr_' || true)
[ "$created" -eq "$codes" ] || die "the Api created $created codes, expected $codes"
echo "   $users users signed up, $created codes created through the Api ($(elapsed_since "$drill_started") s)"

# Follow some short links: the Redirector caches them in Redis (L2) and queues a scan event each (no Worker runs, so
# the events stay in the Redis queue and are part of what must survive).
followed=0
for id in $(head -20 "$work/codes.1"); do
  body=$(api_call GET "/api/v1/qr-codes/$id" "${tokens[1]}")
  short=$(json_string shortCode <<<"$body")
  [ -n "$short" ] || continue
  answer=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 10 "$redirector/$short")
  [ "$answer" = "302 $(json_string destination <<<"$body")" ] || die "GET $redirector/$short answered '$answer'"
  printf '%s %s\n' "$short" "$answer" >>"$work/redirects.before"
  followed=$((followed + 1))
done
[ "$followed" -gt 0 ] || die "no dynamic code to follow"
# The evidence the Api must give back after the restore: a sample of codes read through the Api, with their owner.
for u in 1 "$users"; do
  for id in $(head -3 "$work/codes.$u"); do
    printf '%s %s ' "$u" "$id" >>"$work/api.before"
    api_call GET "/api/v1/qr-codes/$id" "${tokens[u]}" | sha256sum | cut -c1-16 >>"$work/api.before"
  done
done

step "stop the services (the restore runbook scales the Api, Worker and Redirector to 0 first)"
stop_services
queued=$(redis-cli -p "$redis_port" llen qraspire:scans:queue)
[ "$queued" -ge "$followed" ] || die "the Redis scan queue holds $queued events, expected at least $followed"
echo "   $followed short links followed: $queued scan events in the Redis queue"

# Per table: row count and an md5 of every row's text, in primary-key-independent order.
pg_fingerprint() {
  local table
  for table in $(psql "$DATABASE_URL" -XAtqc "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"); do
    psql "$DATABASE_URL" -XAtqc "SELECT '$table', count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '-') FROM $table AS t"
  done
}
# One line per key: key, type, content hash, and when it expires (epoch ms; 0 = never). Caches and rate-limit windows
# expire by design: a key that is gone after the restore must have expired by then (its expiry travels in the RDB).
redis_fingerprint() {
  redis-cli -p "$redis_port" --scan | sort | while read -r key; do
    local expires
    expires=$(redis-cli -p "$redis_port" pexpiretime "$key")
    [ "$expires" -gt 0 ] 2>/dev/null || expires=0
    case "$(redis-cli -p "$redis_port" type "$key")" in
      string) printf '%s string %s %s\n' "$key" "$(redis-cli -p "$redis_port" get "$key" | sha256sum | cut -c1-16)" "$expires" ;;
      list) printf '%s list %s %s\n' "$key" "$(redis-cli -p "$redis_port" lrange "$key" 0 -1 | sha256sum | cut -c1-16)" "$expires" ;;
      hash) printf '%s hash %s %s\n' "$key" "$(redis-cli -p "$redis_port" hgetall "$key" | paste - - | sort | sha256sum | cut -c1-16)" "$expires" ;;
      set) printf '%s set %s %s\n' "$key" "$(redis-cli -p "$redis_port" smembers "$key" | sort | sha256sum | cut -c1-16)" "$expires" ;;
      zset) printf '%s zset %s %s\n' "$key" "$(redis-cli -p "$redis_port" zrange "$key" 0 -1 withscores | sha256sum | cut -c1-16)" "$expires" ;;
      *) printf '%s other - %s\n' "$key" "$expires" ;;
    esac
  done
}
# redis_compare BEFORE AFTER: every key after equals its line before; every key only before had expired by now.
redis_compare() {
  local now expired=0 key rest expires
  now=$(($(date +%s) * 1000))
  if grep -vxFf "$1" "$2" | grep -q .; then grep -vxFf "$1" "$2" | head -5 >&2; return 1; fi
  while read -r key rest; do
    expires=${rest##* }
    if [ "$expires" -eq 0 ] || [ "$expires" -gt "$now" ]; then echo "   $key is missing after the restore" >&2; return 1; fi
    expired=$((expired + 1))
  done < <(grep -vxFf "$2" "$1")
  echo "   Redis: $(wc -l <"$2") keys and values equal; $expired cache or window keys expired in between, as they should"
}
pg_fingerprint >"$work/before.pg"
redis_fingerprint >"$work/before.redis"
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

step "the backup CronJobs' script: dump, upload to S3, prune past the retention"
cronjob=deploy/k8s/base/backup/backup.sh
# Snapshots older than the retention, as earlier runs left them: the upload step must delete these and only these.
stale_pg=qraspire-$(date -u -d '-31 days' +%Y%m%dT%H%M%SZ).dump kept_pg=qraspire-$(date -u -d '-29 days' +%Y%m%dT%H%M%SZ).dump
stale_redis=qraspire-$(date -u -d '-25 hours' +%Y%m%dT%H%M%SZ).rdb
for key in "postgres/$stale_pg" "postgres/$kept_pg" "redis/$stale_redis"; do
  printf 'old\n' | s3 s3 cp --only-show-errors - "$BACKUP_S3_URI/$key"
done
mkdir -p "$work/cron-pg" "$work/cron-redis"
bash "$cronjob" dump postgres "$work/cron-pg"
RETENTION_HOURS=720 bash "$cronjob" upload postgres "$work/cron-pg"
bash "$cronjob" dump redis "$work/cron-redis"
RETENTION_HOURS=24 bash "$cronjob" upload redis "$work/cron-redis"
listing=$(s3 s3 ls --recursive "$BACKUP_S3_URI/" | awk '{print $4}' | sort)
for gone in "$stale_pg" "$stale_redis"; do ! grep -q "$gone" <<<"$listing" || die "$gone is past the retention but still in S3"; done
grep -q "$kept_pg" <<<"$listing" || die "$kept_pg is within the 30 days but was deleted"
echo "   in S3: $(grep -c . <<<"$listing") objects; past the retention deleted, within it kept"
refuses 64 "backup.sh with an unknown kind" bash "$cronjob" dump mysql "$work/cron-pg"
refuses 1 "backup.sh upload with a malformed BACKUP_S3_URI" env BACKUP_S3_URI=bucket RETENTION_HOURS=1 bash "$cronjob" upload redis "$work/cron-redis"
refuses 1 "backup.sh upload without RETENTION_HOURS" env -u RETENTION_HOURS bash "$cronjob" upload redis "$work/cron-redis"

# The restore below starts from what the CronJobs uploaded: the newest object of each kind, fetched from S3.
newest() { s3 s3 ls "$BACKUP_S3_URI/$1/" | awk '{print $4}' | grep -E "^qraspire-[0-9T]+Z\.$2\$" | sort | tail -1; }
mkdir -p "$work/from-s3"
pg_object=$(newest postgres dump) redis_object=$(newest redis rdb)
for object in "postgres/$pg_object" "redis/$redis_object"; do
  s3 s3 cp --only-show-errors "$BACKUP_S3_URI/$object" "$work/from-s3/"
  s3 s3 cp --only-show-errors "$BACKUP_S3_URI/$object.sha256" "$work/from-s3/"
done
echo "   restoring from $BACKUP_S3_URI/postgres/$pg_object and $BACKUP_S3_URI/redis/$redis_object"

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
bash scripts/backup/pg-restore.sh --in "$work/from-s3/$pg_object"
pg_restore_seconds=$((SECONDS - restore_started))
redis_started=$SECONDS
bash scripts/backup/redis-restore.sh --in "$work/from-s3/$redis_object" --data-dir "$work/redis"
start_redis no
redis-cli -p "$redis_port" config set appendonly yes >/dev/null
redis_restore_seconds=$((SECONDS - redis_started))
refuses 1 "redis-restore.sh into a folder with data" bash scripts/backup/redis-restore.sh --in "$work/redis.rdb" --data-dir "$work/redis"

# ---- nothing lost ----
step "verify"
pg_fingerprint >"$work/after.pg"
if ! diff -u "$work/before.pg" "$work/after.pg"; then die "PostgreSQL content differs after the restore"; fi
echo "   PostgreSQL: every table's row count and content checksum equal ($(wc -l <"$work/after.pg") tables)"
redis_fingerprint >"$work/after.redis"
redis_compare "$work/before.redis" "$work/after.redis" || die "Redis content differs after the restore"
# The migrations history came back too: the Migrator finds nothing to apply.
dotnet "$migrator" >"$work/migrator2.log" 2>&1 || { tail -20 "$work/migrator2.log"; die "the migrator fails on the restored database"; }

step "the services on the restored data answer as before"
start_services
while read -r u id before; do
  after=$(api_call GET "/api/v1/qr-codes/$id" "${tokens[u]}" | sha256sum | cut -c1-16) || die "GET /api/v1/qr-codes/$id failed after the restore"
  [ "$after" = "$before" ] || die "GET /api/v1/qr-codes/$id answers differently after the restore"
done <"$work/api.before"
while read -r short answer; do
  [ "$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 10 "$redirector/$short")" = "$answer" ] ||
    die "$redirector/$short redirects differently after the restore"
done <"$work/redirects.before"
echo "   Api: $(wc -l <"$work/api.before") codes read back byte-identical with the tokens issued before the disaster; Redirector: $followed short links redirect as before"
stop_services

# The log shipper parses what these services just wrote (every line of this run's Api and Redirector logs).
if [ -f scripts/ops/tools/node_modules/yaml/package.json ] && command -v kubectl >/dev/null 2>&1; then
  kubectl kustomize deploy/k8s/overlays/production >"$work/rendered.yaml"
  node scripts/ops/tools/fluent-bit-check.mjs "$work/rendered.yaml" "$work/api.log" "$work/redirector.log" || die "Fluent Bit would not parse the services' log lines"
fi

total=$((SECONDS - drill_started))
echo "drill: restore took PostgreSQL ${pg_restore_seconds} s (RTO < 3600 s), Redis ${redis_restore_seconds} s (RTO < 900 s); backup ${backup_seconds} s; whole drill ${total} s"
if [ "$pg_restore_seconds" -ge 3600 ] || [ "$redis_restore_seconds" -ge 900 ]; then die "restore slower than its target (PostgreSQL 1 hour, Redis 15 minutes)"; fi
echo "drill: passed — nothing lost"
