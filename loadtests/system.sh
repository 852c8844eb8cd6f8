# shellcheck shell=bash
# Sourced by loadtests/run.sh and loadtests/wrk-crosscheck.sh: builds (unless BUILD=0), starts QrAspire the
# production way — the AppHost in local mode (PostgreSQL + Redis), the Native AOT Redirector from artifacts/redirector,
# the Worker, the Api with its per-user rate limits lifted — on random loopback ports, and stops it again.
# After system_start: $api, $redirector (URLs), $work (the run's data folder), rss=(--rss NAME=PID ...) for the harness.
# The caller must be at the repository root and call system_stop on exit (system_start installs the trap).

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

system_build() {
  if [ "${BUILD:-1}" = 1 ]; then
    say "build the AppHost and the harness"
    dotnet build AppHost -nologo -v quiet >/dev/null
    if [ ! -x artifacts/redirector/QrAspire.Redirector ]; then
      say "publish the Native AOT Redirector"
      dotnet publish src/Redirector/QrAspire.Redirector.csproj -c Release -r linux-x64 -o artifacts/redirector -nologo -v quiet >/dev/null
    fi
  fi
  [ -x artifacts/redirector/QrAspire.Redirector ] || { echo "load tests: no artifacts/redirector/QrAspire.Redirector (run scripts/test.sh or BUILD=1)" >&2; exit 2; }
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

  say "start the system: local PostgreSQL + Redis, AOT Redirector, Worker"
  dotnet run --project AppHost --no-build -- --Infrastructure:Mode=local --Infrastructure:DataPath="$work" --DcpPublisher:RandomizePorts=true \
    --Redirector:Binary="$PWD/artifacts/redirector/QrAspire.Redirector" \
    --RateLimits:Authenticated=1000000 --RateLimits:Auth=1000000 >"$log" 2>&1 &
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
  say "ready: api $api, redirector $redirector, worker $worker"

  # Resident memory of the services: the processes that carry this run's data path in their environment (so not
  # another AppHost's), by the executable they run. DCP starts each project as its own process, the Redirector as
  # the AOT binary.
  rss=()
  local pid exe name
  for pid in $(pgrep -f 'QrAspire\.(Api|Redirector|Worker)' || true); do
    grep -qa "$work" "/proc/$pid/environ" 2>/dev/null || continue
    exe=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -2 | grep -oE 'QrAspire\.(Api|Redirector|Worker)(\.dll)?$' | head -1 || true)
    name=${exe%.dll}
    [ -n "$name" ] && rss+=(--rss "${name#QrAspire.}=$pid")
  done
  say "memory sampled for: ${rss[*]:-(none found)}"
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
