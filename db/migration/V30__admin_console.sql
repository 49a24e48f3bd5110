-- The operator console: its users, their login throttle, and indexes for the tenants table.
-- Portable SQL: runs unchanged on PostgreSQL and H2.

-- People who sign in to the console. Only a PBKDF2 hash of the password is stored
-- (Jakarta Security's Pbkdf2PasswordHash format, which carries algorithm, iterations and salt).
CREATE TABLE admin_user (
    id                  UUID                     NOT NULL PRIMARY KEY,
    username            VARCHAR(100)             NOT NULL,
    password_hash       VARCHAR(512)             NOT NULL,
    role                VARCHAR(16)              NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sign_in_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_admin_user_username UNIQUE (username)
);

-- Failed sign-ins per user name (whether or not such a user exists, so a lock does not reveal
-- which names are real). Kept in the database so every node of a cluster sees the same count.
CREATE TABLE login_throttle (
    username_key      VARCHAR(100)             NOT NULL PRIMARY KEY,
    failure_count     INTEGER                  NOT NULL,
    window_started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until      TIMESTAMP WITH TIME ZONE
);

-- The tenants table sorts by these columns; with an index the first page at 100,000 tenants is
-- an index walk plus LIMIT instead of a full sort. (tenant.slug is already unique-indexed,
-- freeagent_connection.status and next_refresh_at are indexed by V1.)
CREATE INDEX ix_tenant_display_name ON tenant (display_name);
CREATE INDEX ix_connection_company_name ON freeagent_connection (company_name);
CREATE INDEX ix_connection_access_expires ON freeagent_connection (access_expires_at);
