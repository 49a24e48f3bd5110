-- The live node registry: every refreshing node writes its heartbeat here each tick, so a claim
-- can tell a dead lease holder from a live one without waiting for its lease to expire, and a
-- restarted node can take over the leases of its own earlier (dead) incarnations at once.
-- name is NodeIdentity.name() (configured name + '/' + a suffix per start), the lease_owner value.
-- Times are the database's CURRENT_TIMESTAMP, like the leases. Portable SQL (PostgreSQL and H2).
CREATE TABLE node (
    name            VARCHAR(128)             NOT NULL PRIMARY KEY,
    configured_name VARCHAR(128)             NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_node_configured_name ON node (configured_name);
