-- What the tenant last did on the onboarding pages (link opened, Connect pressed, denied, failed,
-- connected), so the console's tenants table can show it without reading the audit trail.
-- The step is a code such as link_opened or access_denied; never a token, code or state.
-- V34, not V33: another branch may add V33; Flyway refuses out-of-order histories.
ALTER TABLE tenant ADD COLUMN last_onboarding_step VARCHAR(32);
ALTER TABLE tenant ADD COLUMN last_onboarding_at TIMESTAMP WITH TIME ZONE;

-- "Try again" on the tenant's error pages finds the browser's newest attempt by its binding.
CREATE INDEX ix_authorization_attempt_binding ON authorization_attempt (browser_binding_hash);

-- The company a reconnect replaced, by name as well as id: the console names it.
ALTER TABLE freeagent_connection ADD COLUMN previous_company_name VARCHAR(255);
