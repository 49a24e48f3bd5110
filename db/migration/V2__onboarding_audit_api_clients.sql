-- Onboarding links, OAuth authorization attempts, the refresh audit trail and API clients.
-- Secrets (link tokens, OAuth state, browser binding, API keys) are stored only as SHA-256 hex.

CREATE TABLE onboarding_link (
    id          UUID                     NOT NULL PRIMARY KEY,
    tenant_id   UUID                     NOT NULL,
    token_hash  VARCHAR(64)              NOT NULL,
    purpose     VARCHAR(16)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    consumed_at TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_onboarding_link_token UNIQUE (token_hash),
    CONSTRAINT fk_onboarding_link_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);
CREATE INDEX ix_onboarding_link_tenant ON onboarding_link (tenant_id);

CREATE TABLE authorization_attempt (
    id                   UUID                     NOT NULL PRIMARY KEY,
    tenant_id            UUID                     NOT NULL,
    link_id              UUID                     NOT NULL,
    state_hash           VARCHAR(64)              NOT NULL,
    browser_binding_hash VARCHAR(64)              NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at         TIMESTAMP WITH TIME ZONE,
    outcome              VARCHAR(32),
    CONSTRAINT uk_authorization_attempt_state UNIQUE (state_hash),
    CONSTRAINT fk_authorization_attempt_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE,
    CONSTRAINT fk_authorization_attempt_link FOREIGN KEY (link_id) REFERENCES onboarding_link (id) ON DELETE CASCADE
);
CREATE INDEX ix_authorization_attempt_link ON authorization_attempt (link_id);

-- One row per token-endpoint call and per status change made by a person.
CREATE TABLE refresh_event (
    id            UUID                     NOT NULL PRIMARY KEY,
    tenant_id     UUID                     NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    trigger_kind  VARCHAR(16)              NOT NULL,
    outcome       VARCHAR(32)              NOT NULL,
    http_status   INTEGER,
    duration_ms   BIGINT,
    node          VARCHAR(128)             NOT NULL,
    status_after  VARCHAR(32)              NOT NULL,
    detail        VARCHAR(500),
    CONSTRAINT fk_refresh_event_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);
CREATE INDEX ix_refresh_event_tenant_time ON refresh_event (tenant_id, occurred_at);
CREATE INDEX ix_refresh_event_time ON refresh_event (occurred_at);

-- Keys of the SaaS's own services (TOKEN: access-token hand-out, for one tenant or all) and of
-- automation (ADMIN: the tenant administration API).
CREATE TABLE api_client (
    id              UUID                     NOT NULL PRIMARY KEY,
    name            VARCHAR(100)             NOT NULL,
    kind            VARCHAR(16)              NOT NULL,
    key_hash        VARCHAR(64)              NOT NULL,
    key_prefix      VARCHAR(16)              NOT NULL,
    scope_tenant_id UUID,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at    TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_api_client_key UNIQUE (key_hash),
    CONSTRAINT fk_api_client_tenant FOREIGN KEY (scope_tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);
