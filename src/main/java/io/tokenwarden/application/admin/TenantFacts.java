package io.tokenwarden.application.admin;

import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.Tenant;

/** A tenant and its connection (null only if the row is missing), as one tenant page shows them. */
public record TenantFacts(Tenant tenant, FreeAgentConnection connection) {}
