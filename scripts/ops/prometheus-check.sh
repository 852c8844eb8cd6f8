#!/usr/bin/env bash
# The Prometheus system test: starts the whole system (AppHost, local PostgreSQL + Redis, the Native AOT Redirector
# when it is published), postgres_exporter and redis_exporter, and a real Prometheus (Debian's) scraping all of it
# with the repository's rules; sends some traffic (scripts/ops/smoke.sh) and uses the system through the Api (sign up,
# create a dynamic code, render it, follow its short link on the Redirector); then evaluates every Grafana dashboard
# query and every alert/recording expression through the HTTP API — none may error — checks that every rule group
# evaluates cleanly, and that the key series exist (deploy/monitoring/key-series.txt).
# Needs a built solution (`dotnet build QrAspire.slnx`, as scripts/test.sh does first). Everything listens on
# 127.0.0.1; every wait is bounded; everything started is stopped on exit.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "$0")/lib.sh"
started=$SECONDS

ensure_apt prometheus prometheus
ensure_apt prometheus-postgres-exporter prometheus-postgres-exporter
ensure_apt prometheus-redis-exporter prometheus-redis-exporter
ensure_apt redis-server redis-server
ensure_apt curl curl
ensure_apt psql postgresql-client
if ! command -v postgres >/dev/null 2>&1 && ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
  ensure_apt pg_ctlcluster postgresql
fi
ensure_node_tools

cd "$REPO_ROOT"
apphost=AppHost/bin/Debug/net10.0/QrAspire.AppHost
[ -x "$apphost" ] || die "$apphost is missing: build first (dotnet build QrAspire.slnx, as scripts/test.sh does)"

work=$(mktemp -d /tmp/qraspire-prom.XXXXXX)
chmod 755 "$work" # the postgres user must reach the cluster folder below it
pids=()
apphost_pid=
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$apphost_pid" ] && kill -0 "$apphost_pid" 2>/dev/null; then
    kill -TERM "$apphost_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$apphost_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$apphost_pid" 2>/dev/null || true
  fi
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # The AppHost's orchestrator stops the servers it started once the AppHost is gone; give it a few seconds.
  for _ in $(seq 1 20); do pgrep -f -- "$work/local/postgres/data" >/dev/null || break; sleep 0.5; done
  if [ "${KEEP_WORK:-0}" != 1 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# ---- the system ----
redirector_args=()
: >"$work/apphost.log"
[ -x artifacts/redirector/QrAspire.Redirector ] && redirector_args=(--Redirector:Binary=artifacts/redirector/QrAspire.Redirector)
log "starting the system (AppHost, local PostgreSQL + Redis${redirector_args:+, AOT Redirector})"
ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
  ASPNETCORE_URLS="http://127.0.0.1:$(free_port)" \
  ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$(free_port)" \
  ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$(free_port)" \
  "$apphost" --Infrastructure:Mode=local --Infrastructure:DataPath="$work" --DcpPublisher:RandomizePorts=true "${redirector_args[@]}" >"$work/apphost.log" 2>&1 &
apphost_pid=$!
for _ in $(seq 1 180); do
  [ "$(grep -c ' ready at ' "$work/apphost.log")" -ge 3 ] && [ "$(grep -c ' management at ' "$work/apphost.log")" -ge 3 ] && break
  kill -0 "$apphost_pid" 2>/dev/null || { tail -20 "$work/apphost.log"; die "the AppHost stopped"; }
  sleep 1
done
[ "$(grep -c ' ready at ' "$work/apphost.log")" -ge 3 ] || { tail -20 "$work/apphost.log"; die "the services were not ready in 180 s"; }
url_of() { grep -m1 "^$1 ready at " "$work/apphost.log" | awk '{print $4}' | sed 's#localhost#127.0.0.1#'; }
# /health and /metrics answer on each service's management port only (docs/operations/monitoring.md).
management_of() { grep -m1 "^$1 management at " "$work/apphost.log" | awk '{print $4}' | sed 's#localhost#127.0.0.1#'; }
api=$(url_of api) redirector=$(url_of redirector) worker=$(url_of worker)
api_management=$(management_of api) redirector_management=$(management_of redirector) worker_management=$(management_of worker)
if [ -z "$api_management" ] || [ -z "$redirector_management" ] || [ -z "$worker_management" ]; then
  die "the AppHost printed no management URLs"
fi
echo "   api $api, redirector $redirector, worker $worker ($(elapsed "$started") s)"
echo "   management: api $api_management, redirector $redirector_management, worker $worker_management"

# The servers' ports and password, from the connection strings the AppHost gave the Api.
api_pid=
for pid in $(pgrep -f 'QrAspire\.(Api|Worker)' || true); do
  if grep -qz "BLOB_STORAGE_PATH=$work" "/proc/$pid/environ" 2>/dev/null; then api_pid=$pid; break; fi
done
[ -n "$api_pid" ] || die "cannot find an Api or Worker process of this run"
db=$(tr '\0' '\n' <"/proc/$api_pid/environ" | sed -n 's/^ConnectionStrings__db=//p')
redis=$(tr '\0' '\n' <"/proc/$api_pid/environ" | sed -n 's/^ConnectionStrings__redis=//p')
field() { tr ';' '\n' <<<"$db" | sed -n "s/^$1=//p"; }
pg_port=$(field Port) pg_password=$(field Password)
redis_port=${redis##*:}

# ---- exporters ----
pg_exporter_port=$(free_port) redis_exporter_port=$(free_port) prometheus_port=$(free_port)
DATA_SOURCE_NAME="postgresql://postgres:$pg_password@127.0.0.1:$pg_port/qraspire?sslmode=disable" \
  prometheus-postgres-exporter --web.listen-address="127.0.0.1:$pg_exporter_port" >"$work/pg-exporter.log" 2>&1 &
pids+=($!)
prometheus-redis-exporter -redis.addr="redis://127.0.0.1:$redis_port" -web.listen-address="127.0.0.1:$redis_exporter_port" \
  -check-single-keys="db0=qraspire:scans:queue" >"$work/redis-exporter.log" 2>&1 &
pids+=($!)

# ---- Prometheus, with the repository's rules ----
host() { echo "${1#http://}"; }
cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 2s
  evaluation_interval: 2s
rule_files:
  - $REPO_ROOT/deploy/monitoring/prometheus/rules/recording.rules.yml
  - $REPO_ROOT/deploy/monitoring/prometheus/rules/alerts.rules.yml
scrape_configs:
  - job_name: qr-api
    static_configs: [{ targets: ["$(host "$api_management")"], labels: { track: stable, namespace: local } }]
  - job_name: qr-redirector
    static_configs: [{ targets: ["$(host "$redirector_management")"], labels: { track: stable, namespace: local } }]
  - job_name: qr-worker
    static_configs: [{ targets: ["$(host "$worker_management")"], labels: { track: stable, namespace: local } }]
  - job_name: postgres
    static_configs: [{ targets: ["127.0.0.1:$pg_exporter_port"] }]
  - job_name: redis
    static_configs: [{ targets: ["127.0.0.1:$redis_exporter_port"] }]
EOF
promtool check config "$work/prometheus.yml" >/dev/null
log "starting Prometheus ($(prometheus --version 2>&1 | head -1 | awk '{print $3}')) on 127.0.0.1:$prometheus_port"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
prom="http://127.0.0.1:$prometheus_port"
for _ in $(seq 1 60); do curl -fsS "$prom/-/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS "$prom/-/ready" >/dev/null || { tail -20 "$work/prometheus.log"; die "Prometheus did not become ready"; }

query() { curl -sS --max-time 10 --get "$prom/api/v1/query" --data-urlencode "query=$1"; }
count_of() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);process.stdout.write(r.status==="success"?String(r.data.result.length):"error: "+r.error)})'; }

log "traffic"
bash "$OPS_DIR/smoke.sh" "$api" "$redirector" "$api_management" "$redirector_management"

# Use the system as a person would, so that the Api's and the Redirector's own instruments have something to count:
# sign up, create a dynamic code, render it (PNG and SVG), follow its short link (the first lookup reaches the
# database, the next ones a cache level).
json_field() { # json_field PATH < JSON, e.g. tokens.accessToken; fails when it is missing
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v;try{v=process.argv[1].split(".").reduce((o,k)=>o?.[k],JSON.parse(s))}catch{};if(v==null)process.exit(1);process.stdout.write(String(v))})' "$1"
}
log "exercise: register, create a dynamic code, render it, follow its short link"
registered=$(curl -sS --max-time 15 -X POST "$api/api/v1/auth/register" -H 'content-type: application/json' \
  -d "{\"email\":\"prom-check-$$-$RANDOM@example.com\",\"password\":\"correct horse battery staple\"}" -w '\n%{http_code}') || true
token=$(sed '$d' <<<"$registered" | json_field tokens.accessToken) || die "POST /api/v1/auth/register did not answer an access token: $registered"
created=$(curl -sS --max-time 15 -X POST "$api/api/v1/qr-codes" -H "Authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"name":"Prometheus check","type":"dynamic","destination":"https://example.com/prometheus-check"}' -w '\n%{http_code}') || true
[ "$(tail -1 <<<"$created")" = 201 ] || die "POST /api/v1/qr-codes answered: $created"
created=$(sed '$d' <<<"$created")
code_id=$(json_field id <<<"$created") short_code=$(json_field shortCode <<<"$created") || die "the created code has no id or shortCode: $created"
for format in png svg; do
  status=$(curl -sS -o "$work/code.$format" -w '%{http_code}' --max-time 15 -H "Authorization: Bearer $token" "$api/api/v1/qr-codes/$code_id/image.$format")
  { [ "$status" = 200 ] && [ -s "$work/code.$format" ]; } || die "GET /api/v1/qr-codes/$code_id/image.$format answered $status"
done
for _ in 1 2 3 4 5; do
  status=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 10 "$redirector/$short_code")
  [ "$status" = "302 https://example.com/prometheus-check" ] || die "GET $redirector/$short_code answered '$status', expected a 302 to the destination"
done
echo "   code $code_id: PNG and SVG rendered, $redirector/$short_code redirected 5 times"
for _ in $(seq 1 20); do curl -s -o /dev/null "$redirector/zz-unknown-$RANDOM"; curl -s -o /dev/null "$api_management/health"; done

log "waiting for every target to be up and scraped a few times"
for _ in $(seq 1 60); do
  [ "$(query 'count(up == 1)' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s).data.result;process.stdout.write(r.length?r[0].value[1]:"0")})')" = 5 ] && break
  sleep 1
done
sleep 8 # rate() over [5m] needs two samples per series; the rules need an evaluation after that

failures=0
log "every dashboard query and rule expression evaluates"
evaluated=0
while IFS= read -r line; do
  source_name=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).source)' "$line")
  expr=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).expr)' "$line")
  result=$(query "$expr" | count_of)
  evaluated=$((evaluated + 1))
  if [[ "$result" == error* ]]; then
    echo "   FAIL $source_name: $result"
    failures=$((failures + 1))
  fi
done < <(node "$OPS_TOOLS/monitoring.mjs" exprs)
echo "   $evaluated expressions evaluated, $failures errors"

log "every rule group evaluates cleanly in Prometheus"
# shellcheck disable=SC2016 # JavaScript template literals, not shell
rules_report=$(curl -fsS "$prom/api/v1/rules" | node -e '
  let s=""; process.stdin.on("data",d=>s+=d).on("end",()=>{
    const groups = JSON.parse(s).data.groups; let bad = 0, total = 0;
    for (const g of groups) for (const r of g.rules) { total++; if (r.health !== "ok" && r.health !== "unknown" || r.lastError) { bad++; console.log(`   FAIL ${r.name}: ${r.health} ${r.lastError ?? ""}`); } }
    console.log(`   ${groups.length} groups, ${total} rules, ${bad} unhealthy`); process.exit(bad ? 1 : 0); })') || failures=$((failures + 1))
echo "$rules_report"

log "key series (deploy/monitoring/key-series.txt)"
pending=()
while IFS='|' read -r selector status source; do
  selector=${selector#"${selector%%[![:space:]]*}"} status=${status// /}
  selector=${selector%"${selector##*[![:space:]]}"}
  [[ -z "$selector" || "$selector" == \#* ]] && continue
  n=$(query "$selector" | count_of)
  if [[ "$n" == error* ]]; then
    echo "   FAIL $selector: $n"
    failures=$((failures + 1))
  elif [ "$n" -gt 0 ]; then
    echo "   ok      $selector ($n series)"
  elif [ "$status" = required ]; then
    echo "   MISSING $selector —$source"
    failures=$((failures + 1))
  else
    pending+=("$selector")
  fi
done <deploy/monitoring/key-series.txt
[ ${#pending[@]} -eq 0 ] || printf '   pending (not there in this run — an instrument not built yet, or errors_total before any error: reported, not failed): %s\n' "${pending[*]}"

log "every series a dashboard or rule reads is exported by a service or exporter"
# Present in this run, or `pending` in key-series.txt (it needs an event the run does not cause) with its instrument
# in the services' code (the name less _total, _bucket/_sum/_count and the unit suffix). Anything else is a series
# nobody exports: a panel that can never show data, an alert that can never fire.
exported=$(curl -fsS "$prom/api/v1/label/__name__/values" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data.join("\n")))')
referenced=0
while IFS= read -r line; do
  name=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).name)' "$line")
  referenced=$((referenced + 1))
  grep -qx "$name" <<<"$exported" && continue
  instrument=$(sed -E 's/_(total|bucket|sum|count)$//; s/_(seconds|bytes)$//' <<<"$name")
  if grep -Eq "^$name([{ ]|$).*\| *pending *\|" deploy/monitoring/key-series.txt &&
    grep -rqs --include='*.cs' "\"$instrument\"" src ServiceDefaults; then
    echo "   pending $name (instrument \"$instrument\" in the code; no sample in this run)"
  else
    echo "   FAIL $name is read by $(node -e 'process.stdout.write(JSON.parse(process.argv[1]).sources.join("; "))' "$line") but nothing exports it"
    failures=$((failures + 1))
  fi
done < <(node "$OPS_TOOLS/monitoring.mjs" series)
echo "   $referenced metric names read by the dashboards and rules"

log "every analytics panel's SQL runs on the system's database"
while IFS= read -r line; do
  source_name=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).source)' "$line")
  sql=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).sql)' "$line")
  if rows=$(PGPASSWORD=$pg_password psql "postgresql://postgres@127.0.0.1:$pg_port/qraspire" -XAtq -v ON_ERROR_STOP=1 \
    -c 'SET default_transaction_read_only = on' -c "$sql" 2>&1); then
    echo "   ok   $source_name: $(wc -l <<<"$rows") row(s)"
  else
    echo "   FAIL $source_name: $rows"
    failures=$((failures + 1))
  fi
done < <(node "$OPS_TOOLS/monitoring.mjs" sql)

if [ "$failures" -gt 0 ]; then
  KEEP_WORK=1
  die "$failures failure(s); logs kept in $work"
fi
echo "prometheus-check: all dashboard queries and rules evaluate, key series present ($(elapsed "$started") s)"
