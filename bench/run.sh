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

mvn verify -Pbench \
  -Dit.http.port="$http_port" -Dit.https.port="$https_port" -Dit.server.name="$server" "$@"

echo
echo "Result tables written to $(pwd)/${results}"
