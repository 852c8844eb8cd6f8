#!/usr/bin/env bash
# Runs every test of QrAspire. Installs what is missing (PostgreSQL, Redis and MaxMind's .mmdb writer, with apt, as
# root; the GeoIP country database, with npm), builds the
# solution, publishes the Native AOT Redirector (any AOT/trim warning fails), runs the mode-independent tests,
# then the system tests once against the embedded default and once against local PostgreSQL + Redis, each with
# the AOT Redirector. Ends with one line: "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if ! command -v postgres >/dev/null 2>&1 && ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
  missing+=(postgresql)
fi
# The Worker's GeoIP tests write their own small .mmdb with MaxMind's Perl writer.
perl -MMaxMind::DB::Writer::Tree -e 1 >/dev/null 2>&1 || missing+=(libmaxmind-db-writer-perl)
# The web console's browser tests (tests/QrAspire.Web.Tests) drive Debian's headless chromium.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The AWS estate's tests (tests/QrAspire.Deploy.Tests) synthesize it with the CDK, whose jsii runtime runs on Node.js.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
# The S3 tests run s3rver from npm; the GeoIP tests read the country database pinned in deploy/geoip (npm, below).
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The QR engine's round-trip tests read every style with zbar too, from SVG/PDF/EPS rasterised by librsvg, poppler, Ghostscript.
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
command -v rsvg-convert >/dev/null 2>&1 || missing+=(librsvg2-bin)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v gs >/dev/null 2>&1 || missing+=(ghostscript)
# Branded-domain verification is tested against a real DNS server on loopback (tests/QrAspire.TestSupport/DnsServer.cs).
command -v dnsmasq >/dev/null 2>&1 || [ -x /usr/sbin/dnsmasq ] || missing+=(dnsmasq)
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: ${missing[*]} missing; install them (apt-get install ${missing[*]}) or run as root" >&2
    exit 1
  fi
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The country database a fresh system geolocates with (docs/configuration.md): the AppHost's system tests use it, and
# the Worker's real-address tests skip without it.
geoip=deploy/geoip/node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb
[ -f "$geoip" ] || (cd deploy/geoip && npm ci --no-audit --no-fund --loglevel=error) || echo "test.sh: npm ci in deploy/geoip failed; the GeoIP tests that need it are skipped" >&2

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

log "build"
dotnet build QrAspire.slnx -c Debug -nologo -v quiet

log "publish the Native AOT Redirector"
publish_log="$results/publish.log"
if ! dotnet publish src/Redirector/QrAspire.Redirector.csproj -c Release -r linux-x64 -o artifacts/redirector -nologo >"$publish_log" 2>&1; then
  cat "$publish_log"; exit 1
fi
if grep -qE 'warning (IL|CS|NU)[0-9]+' "$publish_log"; then
  grep -E 'warning (IL|CS|NU)[0-9]+' "$publish_log"; echo "test.sh: the AOT publish has warnings" >&2; exit 1
fi
export QRASPIRE_REDIRECTOR_BINARY="$PWD/artifacts/redirector/QrAspire.Redirector"

status=0
run_tests() { # $1: name, $2: filter; QRASPIRE_TEST_MODE picks the infrastructure of service-tier tests
  log "tests: $1"
  dotnet test QrAspire.slnx --no-build -nologo --filter "$2" 2>&1 | tee "$results/$1.log" || status=1
}

# Unit tests and mode-independent system tests once; service-tier tests (Tier=Service) and the whole-system tests
# of a mode (Mode=…) once per infrastructure mode. Measurements (Tier=Benchmark) are run by hand (docs/performance.md);
# the fault suite (Tier=Fault) by scripts/fault-tests.sh, against the system started in its production shape.
run_tests "mode-independent" "Tier!=Service&Tier!=Benchmark&Tier!=Fault&Mode!=embedded&Mode!=local"
QRASPIRE_TEST_MODE=embedded run_tests "embedded" "Tier=Service|Mode=embedded"
QRASPIRE_TEST_MODE=local run_tests "local" "Tier=Service|Mode=local"

# One summary line per test assembly and run: "Passed!  - Failed:     0, Passed:    12, Skipped:     1, Total: …"
# (it starts "Failed!" when one failed, "Skipped!" when every test it ran was skipped).
cat "$results"/*.log | awk '
  /^(Passed|Failed|Skipped)!/ {
    for (i = 1; i <= NF; i++) {
      n = $(i + 1); sub(/,$/, "", n)
      if ($i == "Failed:") failed += n; if ($i == "Passed:") passed += n; if ($i == "Skipped:") skipped += n
    }
  }
  END { printf "\ntests: %d passed, %d failed, %d skipped\n", passed, failed, skipped; exit (failed > 0 || passed == 0) }' || status=1
exit $status
