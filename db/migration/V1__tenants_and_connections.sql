-- Tenants and their FreeAgent connections. Portable SQL: runs unchanged on PostgreSQL and H2.
CREATE TABLE tenant (
    id           UUID                     NOT NULL PRIMARY KEY,
    slug         VARCHAR(63)              NOT NULL,
    display_name VARCHAR(200)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_tenant_slug UNIQUE (slug)
);

-- One connection per tenant. Token columns hold AES-GCM ciphertext only (see TokenCipher).
CREATE TABLE freeagent_connection (
    id                         UUID                     NOT NULL PRIMARY KEY,
    tenant_id                  UUID                     NOT NULL,
    status                     VARCHAR(32)              NOT NULL,
    access_token_ciphertext    VARCHAR(4096),
    access_expires_at          TIMESTAMP WITH TIME ZONE,
    refresh_token_ciphertext   VARCHAR(4096),
    refresh_expires_at         TIMESTAMP WITH TIME ZONE,
    token_version              BIGINT                   NOT NULL,
    next_refresh_at            TIMESTAMP WITH TIME ZONE,
    last_success_at            TIMESTAMP WITH TIME ZONE,
    last_attempt_at            TIMESTAMP WITH TIME ZONE,
    consecutive_failures       INTEGER                  NOT NULL,
    last_error_code            VARCHAR(64),
    last_error_message         VARCHAR(500),
    throttled_until            TIMESTAMP WITH TIME ZONE,
    lease_owner                VARCHAR(128),
    lease_expires_at           TIMESTAMP WITH TIME ZONE,
    company_id                 VARCHAR(64),
    company_name               VARCHAR(255),
    company_subdomain          VARCHAR(255),
    user_email                 VARCHAR(320),
    user_permission_level      INTEGER,
    previous_company_id        VARCHAR(64),
    company_changed_at         TIMESTAMP WITH TIME ZONE,
    created_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_connection_tenant UNIQUE (tenant_id),
    CONSTRAINT fk_connection_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

-- The scheduler's claim query reads due rows in next_refresh_at order; with nothing due it
-- touches only the head of this index, whatever the tenant count.
CREATE INDEX ix_connection_next_refresh ON freeagent_connection (next_refresh_at);
CREATE INDEX ix_connection_status ON freeagent_connection (status);
