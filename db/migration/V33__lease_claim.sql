-- A lease names its claim, not only its node: every claim writes a fresh random id here, and the
-- store and the release of a refresh match it. Two claims of one row by the same node (the first
-- one's lease ran out, a second one took the row) are then told apart by the database, not only by
-- the node's memory. NULL with no lease. Portable SQL (PostgreSQL and H2).
ALTER TABLE freeagent_connection ADD COLUMN lease_claim UUID;
