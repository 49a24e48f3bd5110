-- The refresh engine's shared state. Every table here is read and written by all nodes, so
-- nothing the scheduler needs for correctness lives in one node's memory. Portable SQL
-- (PostgreSQL and H2).

-- Provider-wide state: one row per provider. A pause after a provider-wide throttle (many
-- distinct users answered 429) and the alarm after our client credentials were rejected (401).
CREATE TABLE provider_state (
    provider                VARCHAR(32)              NOT NULL PRIMARY KEY,
    throttle_paused_until   TIMESTAMP WITH TIME ZONE,
    credentials_rejected_at TIMESTAMP WITH TIME ZONE,
    alarm_message           VARCHAR(500),
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO provider_state (provider, updated_at) VALUES ('freeagent', CURRENT_TIMESTAMP);

-- One row per 429 from the token endpoint, keyed by the FreeAgent user it was for; the
-- throttle detector counts distinct users in a short window. Pruned by the maintenance job.
CREATE TABLE rate_limit_hit (
    id          UUID                     NOT NULL PRIMARY KEY,
    user_key    VARCHAR(320)             NOT NULL,
    hit_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    retry_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_rate_limit_hit_time ON rate_limit_hit (hit_at);

-- Client-side limit of token refreshes per FreeAgent user (15 per minute by default), in fixed
-- windows. Updated inside the claim transaction, under the row lock, by whichever node claims.
CREATE TABLE user_refresh_window (
    user_key     VARCHAR(320)             NOT NULL PRIMARY KEY,
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    used         INTEGER                  NOT NULL
);

-- When the refresh-token expiry warning was last raised for this connection (cleared when a
-- refresh stores a new refresh token). Written by native SQL only; the entity does not map it.
ALTER TABLE freeagent_connection ADD COLUMN refresh_expiry_warned_at TIMESTAMP WITH TIME ZONE;

-- The claim query filters on status and next_refresh_at and orders by access_expires_at.
CREATE INDEX ix_connection_due ON freeagent_connection (next_refresh_at, access_expires_at);

-- The maintenance job finds refresh tokens about to expire.
CREATE INDEX ix_connection_refresh_expiry ON freeagent_connection (refresh_expires_at);
