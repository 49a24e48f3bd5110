-- When a refresh whose outcome is unknown was sent (a 5xx, no answer, an unusable 200):
-- FreeAgent may have rotated the refresh token and the answer carrying the new one been lost.
-- Cleared when a token pair is stored. An invalid_grant while it is set is reported as the lost
-- answer it is, not as a revocation. Portable SQL (PostgreSQL and H2).
ALTER TABLE freeagent_connection ADD COLUMN outcome_unknown_since TIMESTAMP WITH TIME ZONE;
