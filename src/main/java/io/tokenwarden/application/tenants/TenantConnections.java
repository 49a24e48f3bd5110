package io.tokenwarden.application.tenants;

import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Read-only views of tenants' connections for the admin API: one tenant's full connection, or the
 * statuses of a page of tenants in one query. Entities are detached on return; callers read them
 * and never change them.
 */
@ApplicationScoped
public class TenantConnections {

  @Inject TenantScope scope;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  /** The tenant's connection (status, expiries, company; the ciphertexts are never shown). */
  public Optional<FreeAgentConnection> of(UUID tenantId) {
    return scope.asTenant(
        tenantId,
        () ->
            em.createQuery("select c from FreeAgentConnection c", FreeAgentConnection.class)
                .getResultStream()
                .findFirst());
  }

  /** The connection status of each of the given tenants (cross-tenant: root scope, one query). */
  public Map<UUID, ConnectionStatus> statuses(Collection<UUID> tenantIds) {
    if (tenantIds.isEmpty()) {
      return Map.of();
    }
    return scope.asRoot(
        () -> {
          List<Object[]> rows =
              em.createQuery(
                      "select c.tenantId, c.status from FreeAgentConnection c"
                          + " where c.tenantId in :ids",
                      Object[].class)
                  .setParameter("ids", tenantIds)
                  .getResultList();
          Map<UUID, ConnectionStatus> statuses = new HashMap<>();
          for (Object[] row : rows) {
            statuses.put((UUID) row[0], (ConnectionStatus) row[1]);
          }
          return statuses;
        });
  }
}
