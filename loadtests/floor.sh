# shellcheck shell=bash
# Sourced by loadtests/run.sh: the floor of a run — the bare Native AOT app of benchmarks/redirect (a constant 302 for
# every /{code}) on a random loopback port, which the harness drives through the same client on the same schedule
# as each redirect scenario, at the same time (--floor). Publishes it to artifacts/bare-redirect when missing or
# BUILD=1 (~40 s of Native AOT compile on two idle cores, minutes on a busy machine; scripts/test.sh does not).
# After floor_start: $floor (URL). floor_start chains floor_stop in front of system_stop on exit.

floor_build() {
  if [ "${BUILD:-1}" = 1 ] || [ ! -x artifacts/bare-redirect/QrAspire.Benchmarks.BareRedirect ]; then
    say "publish the bare Native AOT app (the floor)"
    dotnet publish benchmarks/redirect/BareRedirect -c Release -r linux-x64 -o artifacts/bare-redirect -nologo -v quiet >/dev/null
  fi
}

floor_stop() {
  if [ -n "${floor_pid:-}" ]; then
    kill -TERM "$floor_pid" 2>/dev/null || true
    wait "$floor_pid" 2>/dev/null || true
    floor_pid=""
  fi
}

floor_start() {
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  ASPNETCORE_URLS="http://127.0.0.1:$port" artifacts/bare-redirect/QrAspire.Benchmarks.BareRedirect >"$work/floor.log" 2>&1 &
  floor_pid=$!
  trap 'floor_stop; system_stop' EXIT
  floor="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    curl -fs -o /dev/null "$floor/health" && { say "floor (bare app) ready at $floor"; return; }
    kill -0 "$floor_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "load tests: the bare app (the floor) did not start at $floor; its log:" >&2
  tail -20 "$work/floor.log" >&2
  exit 2
}
