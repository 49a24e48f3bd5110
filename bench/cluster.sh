#!/usr/bin/env bash
# A Token Warden fleet on one machine: N Liberty servers running the same WAR on one PostgreSQL
# database (distinct ports and node names, the same crypto keys, one shared LTPA keys file so a
# console sign-in survives switching nodes) plus one emulator-only server playing FreeAgent.
#
#   bench/cluster.sh start N     build what is missing, (re)create and start the emulator and N nodes
#   bench/cluster.sh stop        stop every server of the fleet (graceful: nodes drain)
#   bench/cluster.sh kill I      SIGKILL node I (a crash: no drain, leases and journal left behind)
#   bench/cluster.sh freeze I    SIGSTOP node I (a stalled JVM or host: it keeps its sockets and leases)
#   bench/cluster.sh thaw I      SIGCONT node I (it resumes where it stood, its timers all due at once)
#   bench/cluster.sh start-node I   start node I again (after kill or stop-node), same name and journal
#   bench/cluster.sh stop-node I    stop node I gracefully
#   bench/cluster.sh restart I   stop-node I, then start-node I (one step of a rolling restart)
#   bench/cluster.sh status      each server: pid, port, readiness
#   bench/cluster.sh pid I       node I's process id (empty when it is not running)
#
# Settings (environment; `start` records them in target/fleet/fleet.env, later commands reuse them):
#   FLEET_DB_URL        jdbc:postgresql://127.0.0.1:5432/tw_fleet (must exist; the nodes migrate it)
#   FLEET_DB_USER / FLEET_DB_PASSWORD   tokenwarden / tokenwarden
#   FLEET_DB_USER_<i>   the user node i connects as instead of FLEET_DB_USER (same password)
#   FLEET_PORT_BASE     9500: emulator on BASE (https BASE+1), node I on BASE+10+I (https BASE+30+I)
#   FLEET_NAME          fleet: servers are <name>-emu, <name>-node1..N under target/liberty/wlp/usr/servers
#   FLEET_BASE_SERVER   <name>-base: the server (made by liberty:create, see the pom's fleet profile)
#                       every fleet server is copied from; `mvn -Pfleet -Dit.server.name=X` makes X
#   TOKENWARDEN_CRYPTO_KEYS   generated once into target/fleet/crypto.keys when unset
#   TOKENWARDEN_NODE_PEER_SECRET  generated once into target/fleet/peer.secret when unset; every
#                       node also gets its own URL as tokenwarden.node.peer-url (ADR 0029)
#   FLEET_CONTROL_SECRET      the emulator's control secret (default fleet-control-secret)
#   FLEET_ADMIN_KEY           bootstrap ADMIN API key of every node (default tw_fleet-admin-key-0123456789abcdef)
#   FLEET_ACCESS_LIFETIME     the emulator's access-token lifetime in seconds (default 60)
#   FLEET_NODE_OPTS           extra JVM options for every node (e.g. -Dtokenwarden.refresh.concurrency=4)
# Timings are short so that a failover completes in a minute: 1 s tick, 35 s lease, 25 s dead-after,
# 5 s token-endpoint attempts (LeaseConfigurationCheck accepts exactly this kind of set).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state="$root/target/fleet"
wlp="$root/target/liberty/wlp"
servers="$wlp/usr/servers"
mkdir -p "$state"
# `start` takes its settings from the caller; every later command from what `start` recorded.
if [[ "${1:-}" != start && -f "$state/fleet.env" ]]; then source "$state/fleet.env"; fi

db_url="${FLEET_DB_URL:-jdbc:postgresql://127.0.0.1:5432/tw_fleet}"
db_user="${FLEET_DB_USER:-tokenwarden}"
db_password="${FLEET_DB_PASSWORD:-tokenwarden}"
port_base="${FLEET_PORT_BASE:-9500}"
name="${FLEET_NAME:-fleet}"
control_secret="${FLEET_CONTROL_SECRET:-fleet-control-secret}"
admin_key="${FLEET_ADMIN_KEY:-tw_fleet-admin-key-0123456789abcdef}"
access_lifetime="${FLEET_ACCESS_LIFETIME:-60}"
node_opts="${FLEET_NODE_OPTS:-}"
nodes="${FLEET_NODES:-0}"
base_server="${FLEET_BASE_SERVER:-${name}-base}"

log() { printf '[cluster] %s\n' "$*" >&2; }
emu_port() { echo "$port_base"; }
node_port() { echo $((port_base + 10 + $1)); }
node_server() { echo "${name}-node$1"; }
emu_server() { echo "${name}-emu"; }

crypto_keys() {
  if [[ -n "${TOKENWARDEN_CRYPTO_KEYS:-}" ]]; then
    echo "$TOKENWARDEN_CRYPTO_KEYS"
    return
  fi
  if [[ ! -f "$state/crypto.keys" ]]; then
    (umask 077 && echo "fleet1:$(openssl rand -base64 32)" >"$state/crypto.keys")
  fi
  cat "$state/crypto.keys"
}

# The database user node $1 connects as: FLEET_DB_USER_<i> when set (the reliability suite gives
# node 1 a role of its own so it can cut that node alone), else FLEET_DB_USER.
node_db_user() {
  local var="FLEET_DB_USER_$1"
  echo "${!var:-$db_user}"
}

# The secret the nodes share to ask a silent node which pairs it holds (ADR 0029).
peer_secret() {
  if [[ -n "${TOKENWARDEN_NODE_PEER_SECRET:-}" ]]; then
    echo "$TOKENWARDEN_NODE_PEER_SECRET"
    return
  fi
  if [[ ! -f "$state/peer.secret" ]]; then
    (umask 077 && openssl rand -hex 24 >"$state/peer.secret")
  fi
  cat "$state/peer.secret"
}

save_settings() {
  (
    umask 077
    cat >"$state/fleet.env" <<EOF
FLEET_DB_URL='$db_url'
FLEET_DB_USER='$db_user'
FLEET_DB_PASSWORD='$db_password'
FLEET_PORT_BASE='$port_base'
FLEET_NAME='$name'
FLEET_BASE_SERVER='$base_server'
FLEET_CONTROL_SECRET='$control_secret'
FLEET_ADMIN_KEY='$admin_key'
FLEET_ACCESS_LIFETIME='$access_lifetime'
FLEET_NODE_OPTS='$node_opts'
FLEET_NODES='$nodes'
TOKENWARDEN_CRYPTO_KEYS='$(crypto_keys)'
TOKENWARDEN_NODE_PEER_SECRET='$(peer_secret)'
EOF
    for i in $(seq 1 "$nodes"); do
      local var="FLEET_DB_USER_$i"
      if [[ -n "${!var:-}" ]]; then echo "$var='${!var}'" >>"$state/fleet.env"; fi
    done
  )
}

# The packaged WAR and a Liberty server holding Hibernate, the JDBC drivers and server.xml.
ensure_built() {
  if [[ ! -f target/token-warden.war || ! -d "$servers/$base_server/lib/hibernate" ]]; then
    log "building the WAR and the base server $base_server (mvn package liberty:create)"
    mvn -B -ntp -q package liberty:create@create-server-for-its -DskipTests \
      -Dit.server.name="$base_server" -Dit.http.port="$port_base" -Dit.https.port=$((port_base + 1))
  fi
}

# A fresh server directory from the base: the WAR as a <webApplication>, ports, JVM options.
create_server() {
  local server=$1 http=$2 https=$3 jvm_options=$4
  local dir="$servers/$server"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -r "$servers/$base_server/." "$dir/"
  rm -rf "$dir/workarea" "$dir/logs" "$dir/data" "$dir/apps/"* "$dir/dropins/"*
  cp target/token-warden.war "$dir/apps/token-warden.war"
  mkdir -p "$dir/configDropins/overrides"
  cat >"$dir/configDropins/overrides/fleet.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by bench/cluster.sh: the WAR, and LTPA keys shared by every server of the fleet. -->
<server>
  <webApplication location="token-warden.war" contextRoot="/"/>
  <ltpa keysFileName="$state/ltpa.keys" keysPassword="fleet-ltpa-keys"/>
</server>
EOF
  # Ten rolled message logs, not Liberty's two: a scenario that kills and restarts a node must
  # leave the log of the run it killed behind for whoever reads a failure.
  printf 'http.port=%s\nhttps.port=%s\ncom.ibm.ws.logging.max.files=10\n' "$http" "$https" \
    >"$dir/bootstrap.properties"
  # One GC log per JVM (logs/gc-<pid>.log): a node that stalls shows whether it was collecting.
  printf '%s\n' "-Dcom.ibm.websphere.jpa.hibernate-cdi-compatibility=true" \
    "-Xlog:gc:file=logs/gc-%p.log:time,uptime" $jvm_options >"$dir/jvm.options"
}

create_emulator() {
  local port
  port=$(emu_port)
  local redirects=""
  for i in $(seq 1 "$nodes"); do
    redirects+="${redirects:+,}http://localhost:$(node_port "$i")/connect/callback"
  done
  create_server "$(emu_server)" "$port" $((port + 1)) "-Xmx512m
-Dtokenwarden.public-url=http://localhost:$port
-Dtokenwarden.emulator.enabled=true
-Dtokenwarden.emulator.control-secret=$control_secret
-Dtokenwarden.emulator.redirect-uris=$redirects
-Dtokenwarden.emulator.access-token-lifetime-seconds=$access_lifetime
-Dtokenwarden.emulator.max-hang-seconds=60
-Dtokenwarden.refresh.enabled=false
-Dtokenwarden.executor.core-threads=128"
}

create_node() {
  local i=$1 port
  port=$(node_port "$i")
  local emu="http://localhost:$(emu_port)"
  create_server "$(node_server "$i")" "$port" $((port_base + 30 + i)) "-Xmx640m
-Dtokenwarden.public-url=http://localhost:$port
-Dtokenwarden.node.name=node$i
-Dtokenwarden.node.peer-url=http://localhost:$port
-Dtokenwarden.emulator.enabled=false
-Dtokenwarden.freeagent.mode=custom
-Dtokenwarden.freeagent.api-url=$emu/emulator/v2/
-Dtokenwarden.freeagent.client-id=token-warden-local
-Dtokenwarden.freeagent.client-secret=token-warden-local-secret
-Dtokenwarden.freeagent.connect-timeout-ms=2000
-Dtokenwarden.freeagent.read-timeout-ms=4000
-Dio.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient/refresh/Timeout/value=5000
-Dio.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient/refresh/Retry/maxRetries=1
-Dio.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient/refresh/Retry/maxDuration=6000
-Dtokenwarden.refresh.tick=PT1S
-Dtokenwarden.refresh.lease=PT35S
-Dtokenwarden.node.dead-after=PT25S
-Dtokenwarden.refresh.min-lead=PT10S
-Dtokenwarden.refresh.min-validity=PT5S
-Dtokenwarden.refresh.expiry-margin=PT5S
-Dtokenwarden.refresh.initial-backoff=PT2S
-Dtokenwarden.refresh.max-backoff=PT10S
-Dtokenwarden.refresh.credentials-retry=PT5S
-Dtokenwarden.refresh.throttle.resume-interval=PT2S
-Dtokenwarden.refresh.drain-timeout=PT10S
-Dtokenwarden.api.bootstrap-admin-key=$admin_key
-Dtokenwarden.admin.user=fleetadmin
-Dtokenwarden.admin.password=fleet-admin-password-0123
$node_opts"
  # Database and keys through server.env, as an operator would set them (not on the command line).
  (
    umask 077
    cat >>"$servers/$(node_server "$i")/server.env" <<EOF

TOKENWARDEN_DB_KIND=postgresql
TOKENWARDEN_DB_URL=$db_url
TOKENWARDEN_DB_USER=$(node_db_user "$i")
TOKENWARDEN_DB_PASSWORD=$db_password
TOKENWARDEN_DB_POOL_WAIT=5s
TOKENWARDEN_DB_LOGIN_TIMEOUT=5s
TOKENWARDEN_DB_SOCKET_TIMEOUT=10s
TOKENWARDEN_CRYPTO_KEYS=$(crypto_keys)
TOKENWARDEN_NODE_PEER_SECRET=$(peer_secret)
EOF
  )
}

pid_of() {
  local file="$servers/.pid/$1.pid"
  if [[ -f "$file" ]] && kill -0 "$(cat "$file")" 2>/dev/null; then cat "$file"; fi
}

wait_ready() {
  local port=$1 server=$2
  for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null "http://localhost:$port/health/ready" 2>/dev/null; then
      log "$server ready on $port"
      return 0
    fi
    sleep 1
  done
  log "$server did not become ready on $port; see $servers/$server/logs/messages.log"
  return 1
}

start_server() {
  local server=$1 port=$2
  if [[ -n "$(pid_of "$server")" ]]; then
    log "$server is already running"
    return 0
  fi
  "$wlp/bin/server" start "$server" >/dev/null
  wait_ready "$port" "$server"
}

stop_server() {
  local server=$1
  if [[ -n "$(pid_of "$server")" ]]; then
    "$wlp/bin/server" stop "$server" >/dev/null || true
  fi
}

case "${1:-}" in
start)
  nodes="${2:?usage: cluster.sh start N}"
  [[ -n "$(pid_of "$(emu_server)")" ]] && { log "a fleet is running: cluster.sh stop first"; exit 1; }
  ensure_built
  save_settings
  create_emulator
  for i in $(seq 1 "$nodes"); do create_node "$i"; done
  start_server "$(emu_server)" "$(emu_port)"
  # One after the other: the first node creates the schema and the shared LTPA keys file.
  for i in $(seq 1 "$nodes"); do start_server "$(node_server "$i")" "$(node_port "$i")"; done
  log "fleet up: emulator http://localhost:$(emu_port)/emulator, nodes on ports $(node_port 1)..$(node_port "$nodes")"
  ;;
stop)
  for i in $(seq 1 "$nodes"); do stop_server "$(node_server "$i")"; done
  stop_server "$(emu_server)"
  ;;
kill)
  i="${2:?usage: cluster.sh kill I}"
  pid=$(pid_of "$(node_server "$i")")
  [[ -n "$pid" ]] || { log "node$i is not running"; exit 1; }
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  log "node$i (pid $pid) killed"
  ;;
freeze | thaw)
  i="${2:?usage: cluster.sh $1 I}"
  pid=$(pid_of "$(node_server "$i")")
  [[ -n "$pid" ]] || { log "node$i is not running"; exit 1; }
  if [[ "$1" == freeze ]]; then kill -STOP "$pid"; else kill -CONT "$pid"; fi
  log "node$i (pid $pid): $1"
  ;;
start-node)
  i="${2:?usage: cluster.sh start-node I}"
  start_server "$(node_server "$i")" "$(node_port "$i")"
  ;;
stop-node)
  i="${2:?usage: cluster.sh stop-node I}"
  stop_server "$(node_server "$i")"
  ;;
restart)
  i="${2:?usage: cluster.sh restart I}"
  stop_server "$(node_server "$i")"
  start_server "$(node_server "$i")" "$(node_port "$i")"
  ;;
pid)
  pid_of "$(node_server "${2:?usage: cluster.sh pid I}")"
  ;;
status)
  for server in "$(emu_server)" $(for i in $(seq 1 "$nodes"); do node_server "$i"; done); do
    port=$(emu_port)
    [[ "$server" == "$(emu_server)" ]] || port=$(node_port "${server##*node}")
    ready=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/health/ready" || true)
    printf '%-14s pid %-8s port %s ready %s\n' "$server" "$(pid_of "$server")" "$port" "$ready"
  done
  ;;
*)
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
  ;;
esac
