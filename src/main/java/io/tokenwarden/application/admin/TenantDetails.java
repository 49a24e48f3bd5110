package io.tokenwarden.application.admin;

import io.tokenwarden.domain.RefreshEvent;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.persistence.Tenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the console's tenant page shows: the tenant with its connection facts, and its audit trail
 * newest first, a page at a time. The connection and the trail are read in the tenant's own
 * context, so the page can show nothing of another tenant even by mistake.
 */
@ApplicationScoped
public class TenantDetails {

  @Inject TenantScope scope;

  @Inject Tenants tenants;

  @Inject FreeAgentConnections connections;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  /** The tenant and its connection (detached; never shown: the token ciphertexts). */
  public Optional<TenantFacts> bySlug(String slug) {
    return scope
        .asRoot(() -> tenants.bySlug(slug))
        .map(t -> new TenantFacts(t, scope.asTenant(t.id(), connections::current).orElse(null)));
  }

  public List<RefreshEvent> auditTrail(UUID tenantId, int first, int pageSize) {
    return scope.asTenant(
        tenantId,
        () ->
            em.createQuery(
                    "select e from RefreshEvent e order by e.occurredAt desc, e.id",
                    RefreshEvent.class)
                .setFirstResult(Math.max(0, first))
                .setMaxResults(Math.max(1, Math.min(pageSize, TenantOverview.MAX_PAGE_SIZE)))
                .getResultList());
  }

  public long auditTrailSize(UUID tenantId) {
    return scope.asTenant(
        tenantId,
        () -> em.createQuery("select count(e) from RefreshEvent e", Long.class).getSingleResult());
  }
}
