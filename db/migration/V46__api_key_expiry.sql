-- An API key may be issued with an expiry (admin API and console): after it, the key authenticates
-- no more, as if revoked. Existing keys have none and keep working until revoked.
ALTER TABLE api_client ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
