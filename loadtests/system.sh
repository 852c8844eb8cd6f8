# shellcheck shell=bash
# Sourced by loadtests/run.sh and loadtests/wrk-crosscheck.sh: builds, starts QrAspire in its production shape
# (AppHost/Services/ProductionShape.cs) — the AppHost in local mode (PostgreSQL + Redis), Api, Worker and Web from
# their Release publish output (artifacts/{api,worker,web}), the Native AOT Redirector (artifacts/redirector), Api and
# Redirector in REPLICAS replicas (default 2) behind the AppHost's proxies, each service's runtime told its
# container's memory limit in deploy/k8s/base, the Api's per-user rate limits lifted — on random loopback ports, and
# stops it again.
# After system_start: $api, $redirector (the proxies' URLs; with one replica, the Redirector replica itself), $work (the run's data folder), rss=(--rss NAME=PID ...)
# for the harness (one per process: Api-1, Api-2, Redirector-1, Redirector-2, Worker, Web), $api_management (the Api's
# management port behind its proxy: /health), $redirector_replica (the first Redirector replica's own address, no proxy)
# and limits=(--memory-limit NAME=MiB ...) (each memory-limited process's container limit in deploy/k8s/base).
# system_replica_traffic (after the load) prints the requests each replica answered and fails when one answered none.
# The caller must be at the repository root and call system_stop on exit (system_start installs the trap).
# Knobs: BUILD=0 skips the AppHost build and republishing (what is missing is still published); REPLICAS=1|2|…

t0=$(date +%s)
say() { printf '== %s (%ds)\n' "$*" $(( $(date +%s) - t0 )); }

apphost_pids() { pgrep -f "QrAspire.AppHost.*--Infrastructure:DataPath=$work" || true; }

system_stop() {
  local pids; pids=$(apphost_pids)
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086 # one pid per word
    kill -TERM $pids 2>/dev/null || true
    for _ in $(seq 1 150); do [ -z "$(apphost_pids)" ] && break; sleep 0.2; done
  fi
  if [ -n "${runner:-}" ]; then wait "$runner" 2>/dev/null || true; fi
  if [ -n "${work:-}" ]; then
    # PostgreSQL and Redis stop a moment after the AppHost: their data must not vanish under them.
    for _ in $(seq 1 75); do pgrep -f "$work" >/dev/null || break; sleep 0.2; done
    rm -rf "$work"
  fi
}

# Publishes a service in Release to artifacts/<folder> (the production shape runs it from there), ReadyToRun as the
# images are (deploy/docker/Dockerfile).
publish_service() { # $1: project folder under src/, $2: artifacts folder
  say "publish $1 (Release, ReadyToRun)"
  dotnet publish "src/$1/QrAspire.$1.csproj" -c Release -r linux-x64 -p:PublishReadyToRun=true -o "artifacts/$2" -nologo -v quiet >/dev/null
}

system_build() {
  if [ "${BUILD:-1}" = 1 ]; then
    say "build the AppHost"
    dotnet build AppHost -nologo -v quiet >/dev/null
  fi
  # No Debug build is measured: the services are published in Release — again when BUILD=1 (incremental), and with
  # BUILD=0 when missing (CI's test.sh builds Debug and publishes only the Redirector).
  local service
  for service in Api Worker Web; do
    if [ "${BUILD:-1}" = 1 ] || [ ! -x "artifacts/${service,,}/QrAspire.$service" ]; then publish_service "$service" "${service,,}"; fi
  done
  if [ ! -x artifacts/redirector/QrAspire.Redirector ]; then
    say "publish the Native AOT Redirector"
    dotnet publish src/Redirector/QrAspire.Redirector.csproj -c Release -r linux-x64 -o artifacts/redirector -nologo -v quiet >/dev/null
  fi
  # The harness is always built in Release: a Debug client would add its own latency to every number.
  dotnet build loadtests/QrAspire.LoadTests -c Release -nologo -v quiet >/dev/null
}

system_start() {
  work=$(mktemp -d /tmp/qraspire-load-XXXXXX)
  chmod 755 "$work" # PostgreSQL runs as its own user and must reach its data folder
  local log=$work/apphost.log
  trap system_stop EXIT
  # A TERM (CI's timeout, Ctrl+C) must still stop the harness, the AppHost and its databases: exit runs the EXIT trap.
  # Bash runs a trap only between commands, so long-running children are started in the background and awaited
  # with `wait`, which a signal interrupts (see run_in_background).
  trap 'if [ -n "${child:-}" ]; then kill -TERM "$child" 2>/dev/null || true; fi; exit 143' TERM INT

  replicas=${REPLICAS:-2}
  say "start the system: local PostgreSQL + Redis; Release Api ×$replicas, AOT Redirector ×$replicas, Worker, Web"
  dotnet run --project AppHost --no-build -- --Infrastructure:Mode=local --Infrastructure:DataPath="$work" --DcpPublisher:RandomizePorts=true \
    --Production:Artifacts="$PWD/artifacts" --Production:Replicas="$replicas" \
    --RateLimits:Authenticated=1000000 --RateLimits:Auth=1000000 --RateLimits:Anonymous=1000000 --RateLimits:AnonymousRender=1000000 >"$log" 2>&1 &
  runner=$!
  api="" redirector="" worker=""
  for _ in $(seq 1 600); do
    api=$(sed -n 's/^api ready at \(http[^ ]*\).*/\1/p' "$log" | head -1)
    redirector=$(sed -n 's/^redirector ready at \(http[^ ]*\).*/\1/p' "$log" | head -1)
    worker=$(sed -n 's/^worker ready at \(http[^ ]*\).*/\1/p' "$log" | head -1)
    [ -n "$api" ] && [ -n "$redirector" ] && [ -n "$worker" ] && break
    kill -0 "$runner" 2>/dev/null || break
    sleep 0.2
  done
  if [ -z "$api" ] || [ -z "$redirector" ] || [ -z "$worker" ]; then
    echo "load tests: the system did not become ready (api '$api', redirector '$redirector', worker '$worker'); AppHost log:" >&2
    tail -40 "$log" >&2; exit 2
  fi
  api_management=$(sed -n 's/^api management at \(http[^ ]*\).*/\1/p' "$log" | head -1)
  say "ready: api $api (management $api_management), redirector $redirector, worker $worker"

  # The service processes: those that carry this run's data path in their environment (so not another AppHost's),
  # by the binary they run (DCP starts each replica as its own process). Replicas are numbered by process id.
  rss=() service_pids=() limits=() redirector_replica=""
  local limit
  local service expected pids pid i name
  for service in Api Redirector Worker Web; do
    case $service in Api | Redirector) expected=$replicas ;; *) expected=1 ;; esac
    for _ in $(seq 1 150); do # the web console and a second replica may come up a moment after the others
      pids=()
      for pid in $(pgrep -f "QrAspire\\.$service( |\$)" || true); do
        grep -qa "$work" "/proc/$pid/environ" 2>/dev/null || continue
        [[ $(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -1) == */QrAspire.$service ]] && pids+=("$pid")
      done
      [ "${#pids[@]}" -ge "$expected" ] && break
      sleep 0.2
    done
    if [ "${#pids[@]}" -ne "$expected" ]; then
      echo "load tests: found ${#pids[@]} $service process(es) (${pids[*]:-none}), expected $expected" >&2; exit 2
    fi
    mapfile -t pids < <(printf '%s\n' "${pids[@]}" | sort -n)
    for i in "${!pids[@]}"; do
      if [ "$expected" -gt 1 ]; then name="$service-$((i + 1))"; else name=$service; fi
      rss+=(--rss "$name=${pids[$i]}")
      service_pids+=("$name=${pids[$i]}")
      if limit=$(container_limit_mib "${service,,}"); then limits+=(--memory-limit "$name=$limit"); fi
    done
  done
  # The first Redirector replica's app port (not its management port): hostile connections go to one process, as
  # a Kubernetes Service hands each connection to one pod, and the AppHost's proxy would hold two sockets per connection.
  local first_redirector=${service_pids[*]}; first_redirector=${first_redirector#*Redirector*=}; first_redirector=${first_redirector%% *}
  local port
  for port in $(ss -ltnpH 2>/dev/null | awk -v pid="pid=$first_redirector," 'index($0, pid) { n = split($4, a, ":"); print a[n] }' | sort -u); do
    if curl -fs --max-time 5 -o /dev/null "http://127.0.0.1:$port/alive" && ! curl -fs --max-time 5 -o /dev/null "http://127.0.0.1:$port/metrics"; then
      redirector_replica="http://127.0.0.1:$port"; break
    fi
  done
  # With one replica the redirects go to it directly, as a Kubernetes Service hands a connection to a pod with no
  # process in between: the AppHost's proxy is a user-space hop that production does not have (a tenth of a core at
  # 300 redirects a second on two cores).
  if [ "$replicas" = 1 ] && [ -n "$redirector_replica" ]; then redirector=$redirector_replica; say "redirects go to the replica at $redirector"; fi
  say "memory limits: ${limits[*]:-none}; a Redirector replica at ${redirector_replica:-?}" 
  say "memory sampled for: ${service_pids[*]}"
}

# The memory limit (MiB) of a container in deploy/k8s/base, e.g. 512 for api; fails when it has none (the web console).
container_limit_mib() {
  local text
  text=$(awk '/limits:/ { inside = 1; next } inside && /memory:/ { print $2; exit }' "deploy/k8s/base/$1.yaml" 2>/dev/null) || return 1
  case $text in
    *Gi) echo $(( ${text%Gi} * 1024 )) ;;
    *Mi) echo "${text%Mi}" ;;
    *) return 1 ;;
  esac
}

# Requests each replica of the Api and the Redirector answered (http_requests_total on its own /metrics, probes
# not counted), read from every port the process listens on; fails when a replica answered none — the proxy did
# not spread the load.
system_replica_traffic() {
  local entry name pid port count status=0 line=""
  for entry in "${service_pids[@]}"; do
    name=${entry%=*} pid=${entry#*=}
    [[ $name == Api-* || $name == Redirector-* ]] || continue
    count=""
    for port in $(ss -ltnpH 2>/dev/null | awk -v pid="pid=$pid," 'index($0, pid) { n = split($4, a, ":"); print a[n] }' | sort -u); do
      count=$(curl -fsS --max-time 5 "http://127.0.0.1:$port/metrics" 2>/dev/null \
        | awk '/^http_requests_total[{ ]/ { s += $NF; found = 1 } END { if (found) printf "%d", s }') && [ -n "$count" ] && break
    done
    line+=" $name=${count:-?}"
    if [ -z "$count" ] || [ "$count" -eq 0 ]; then status=1; fi
  done
  say "requests answered per replica:${line:- (no replicas)}"
  [ "$status" = 0 ] || echo "load tests: a replica answered no requests (or its /metrics could not be read)" >&2
  return $status
}

# Runs a command in the background and waits for it, so that a TERM to this script is handled at once (see above).
# Returns the command's exit code.
run_in_background() {
  local code=0
  "$@" &
  child=$!
  wait "$child" || code=$?
  child=""
  return $code
}
