-- Admission after a provider-wide pause is one budget for the whole fleet, not one per node: the
-- refreshes admitted in the current admission window (one tick long, in the database's time) are
-- counted on the provider row, under its row lock, by every node's tick and every on-demand
-- refresh alike. Portable SQL (PostgreSQL and H2).
ALTER TABLE provider_state ADD COLUMN admission_window_start TIMESTAMP WITH TIME ZONE;
ALTER TABLE provider_state ADD COLUMN admission_used INTEGER DEFAULT 0 NOT NULL;
