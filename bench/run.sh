#!/usr/bin/env bash
# Runs the Scale benchmarks (src/test/java/io/tokenwarden/bench/*Bench) through failsafe against
# a fresh Arquillian-managed Liberty server: on PostgreSQL when TOKENWARDEN_DB_* are set (use a
# fresh database), else on a fresh embedded H2. Extra arguments go to Maven, e.g. knobs:
#   bench/run.sh -Dbench.refresh.tenants=2000 -Dbench.tick.tenants=20000
# Ports and server name can be overridden with BENCH_HTTP_PORT, BENCH_HTTPS_PORT, BENCH_SERVER.
set -euo pipefail
cd "$(dirname "$0")/.."

http_port="${BENCH_HTTP_PORT:-9680}"
https_port="${BENCH_HTTPS_PORT:-9990}"
server="${BENCH_SERVER:-benchserver}"
results="target/bench/results.md"

if [[ -n "${TOKENWARDEN_DB_URL:-}" ]]; then
  export TOKENWARDEN_DB_KIND="${TOKENWARDEN_DB_KIND:-postgresql}"
  echo "Benchmarking on ${TOKENWARDEN_DB_KIND}: ${TOKENWARDEN_DB_URL} (it should be a fresh database)"
else
  echo "Benchmarking on embedded H2 (fresh: the bench server's data folder is removed first)"
  rm -rf "target/liberty/wlp/usr/servers/${server}"
fi
rm -f "$results"

# P3 drives the hand-out with wrk (a C load generator takes less of the shared cores than a Java
# client); without it that one bench is skipped and says so in the results.
if ! command -v wrk >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null ||
      echo "Could not install wrk; the P3 hand-out bench will be skipped"
  else
    echo "wrk is not installed (Debian: apt-get install wrk); the P3 hand-out bench will be skipped"
  fi
fi

mvn verify -Pbench \
  -Dit.http.port="$http_port" -Dit.https.port="$https_port" -Dit.server.name="$server" "$@"

echo
echo "Result tables written to $(pwd)/${results}"
