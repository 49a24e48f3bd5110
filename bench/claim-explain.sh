#!/usr/bin/env bash
# P4 (issue 11): the scheduler's claim query under EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL at
# 100,000 tenants, in the situations a tick meets: nothing due, a normal slice due (2,000), a
# backlog after an outage (10,000 due at once), due rows scattered in expiry order, and due rows
# behind 10,000 backed-off failing ones.
#
# The schema comes from db/migration (portable SQL, applied in version order with psql); the rows
# are generated in SQL, so no server runs and the figures are the database's alone. The query is
# the settled form of ConnectionLeases.claimDue (a node that has beaten for dead-after, no parked
# pairs) with the default dead-after (90 s, grace 180 s): keep the two in step when the claim
# changes.
#
# Usage: bench/claim-explain.sh [tenants]   (PGHOST/PGPORT/PGUSER as for psql; default
#        127.0.0.1:5432, postgres). Creates and drops the database tw_claim_explain.
set -euo pipefail
cd "$(dirname "$0")/.."

TENANTS=${1:-100000}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=tw_claim_explain
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
trap 'psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"' EXIT

for migration in $(ls db/migration/V*.sql | sort -V); do
  psql -q -v ON_ERROR_STOP=1 -d "$DB" -f "$migration"
done

q() { psql -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

# Two live nodes; every tenant connected, its next refresh spread over the coming hour, no leases.
q <<SQL
INSERT INTO node (name, configured_name, started_at, heartbeat_at) VALUES
  ('node1/0001', 'node1', now() - interval '1 hour', now()),
  ('node2/0002', 'node2', now() - interval '1 hour', now());
INSERT INTO tenant (id, slug, display_name, created_at)
  SELECT gen_random_uuid(), 'tenant-' || lpad(i::text, 7, '0'), 'Tenant ' || i, now()
  FROM generate_series(1, $TENANTS) AS i;
INSERT INTO freeagent_connection (id, tenant_id, status, access_token_ciphertext,
    access_expires_at, refresh_token_ciphertext, refresh_expires_at, token_version,
    next_refresh_at, consecutive_failures, user_email, company_id, created_at, updated_at)
  SELECT gen_random_uuid(), t.id, 'CONNECTED', 'x', t.at, 'x', now() + interval '30 days', 1,
         t.at - interval '10 minutes', 0, t.slug || '@example.test', 'c-' || t.slug, now(), now()
  FROM (SELECT id, slug, now() + interval '11 minutes' + random() * interval '59 minutes' AS at
          FROM tenant) t;
ANALYZE;
SQL

claim() {
  # ConnectionLeases.claimDue, settled node, no parked pairs; LIMIT = the dispatcher's free slots.
  cat <<SQL
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING ON)
SELECT id, tenant_id, user_email, company_id, next_refresh_at FROM freeagent_connection
 WHERE (status IN ('CONNECTED','REFRESH_FAILING','THROTTLED')) = TRUE
   AND next_refresh_at <= now()
   AND (lease_expires_at IS NULL OR
        ((lease_expires_at < now() AND (lease_owner IS NULL OR lease_owner = 'node1/0001'
            OR lease_expires_at < now() - interval '180 seconds'
            OR NOT EXISTS (SELECT 1 FROM node n WHERE n.name = freeagent_connection.lease_owner)))
         OR EXISTS (SELECT 1 FROM node n WHERE n.name = freeagent_connection.lease_owner
                      AND n.heartbeat_at < now() - interval '90 seconds')
         OR (lease_owner LIKE 'node1/%' ESCAPE '!' AND lease_owner <> 'node1/0001'
             AND NOT EXISTS (SELECT 1 FROM node n WHERE n.name = freeagent_connection.lease_owner
                               AND n.heartbeat_at >= now() - interval '1 hour'))))
 ORDER BY access_expires_at LIMIT 32 FOR UPDATE SKIP LOCKED;
SQL
}

due() {
  # Makes $1 connections due now (and nothing else): the most urgent ones, as in steady state
  # where next_refresh_at follows access_expires_at, or ($2 = random) any, as when backoffs and
  # Retry-After have broken that order.
  # ($2 = behind-backoff) the 10,000 most urgent are failing and backed off for an hour, and the
  # due ones come after them in expiry order: the claim's index walk passes them on every tick.
  local order=access_expires_at skip=0
  [ "${2:-}" = random ] && order="random()"
  q -c "UPDATE freeagent_connection SET status = 'CONNECTED',
          next_refresh_at = access_expires_at - interval '10 minutes'"
  if [ "${2:-}" = behind-backoff ]; then
    skip=10000
    q -c "UPDATE freeagent_connection SET status = 'REFRESH_FAILING',
            next_refresh_at = now() + interval '1 hour'
          WHERE id IN (SELECT id FROM freeagent_connection ORDER BY access_expires_at LIMIT $skip)"
  fi
  q -c "UPDATE freeagent_connection SET next_refresh_at = now() - interval '1 second'
          WHERE id IN (SELECT id FROM freeagent_connection ORDER BY $order OFFSET $skip LIMIT $1)" \
    -c "VACUUM ANALYZE freeagent_connection"
}

echo "## Claim query EXPLAIN, PostgreSQL $(psql -Atq -d "$DB" -c 'SHOW server_version'), $TENANTS tenants, $(date -u '+%Y-%m-%d %H:%M UTC')"
for case in "0" "2000" "10000" "2000 random" "2000 behind-backoff"; do
  due $case
  echo
  echo "### $case due"
  echo '```'
  claim | q -At -d "$DB"
  echo '```'
done
