-- Where other nodes reach this node over HTTP (tokenwarden.node.peer-url), or NULL when it is not
-- set. A node whose heartbeat has gone stale is asked there, before its leases are taken, which
-- tenants it still holds a received pair for: a node cut off from the database alone keeps those
-- rows (ADR 0029). Portable SQL (PostgreSQL and H2).
ALTER TABLE node ADD COLUMN peer_url VARCHAR(2048);
