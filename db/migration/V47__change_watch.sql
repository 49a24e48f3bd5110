-- The hand-out's change watch (ADR 0028): every node reads, once a second, the connection rows
-- whose updated_at moved since its last look, and the tenants deleted meanwhile. Both are range
-- reads on these indexes, whatever the number of tenants.
CREATE INDEX ix_connection_updated_at ON freeagent_connection (updated_at);

-- A deleted tenant leaves no connection row to see: the deleting transaction writes this instead.
-- Kept for a day by the maintenance job (a watch that has been failing longer than its TTL reads
-- from its own start again, see ChangeCoverage), not tenant-owned: it outlives its tenant.
CREATE TABLE tenant_deletion (
    tenant_id  UUID                     NOT NULL PRIMARY KEY,
    slug       VARCHAR(63)              NOT NULL,
    deleted_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_tenant_deletion_deleted_at ON tenant_deletion (deleted_at);
