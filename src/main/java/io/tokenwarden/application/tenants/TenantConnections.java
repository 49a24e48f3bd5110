package io.tokenwarden.application.tenants;

import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/**
 * Read-only view of a tenant's connection for the admin API (lists go through the console's {@link
 * io.tokenwarden.application.admin.TenantOverview}). The entity is detached on return; callers read
 * it and never change it.
 */
@ApplicationScoped
public class TenantConnections {

  @Inject TenantScope scope;

  @Inject FreeAgentConnections connections;

  /** The tenant's connection (status, expiries, company; the ciphertexts are never shown). */
  public Optional<FreeAgentConnection> of(UUID tenantId) {
    return scope.asTenant(tenantId, connections::current);
  }
}
