package io.tokenwarden.application.tenants;

import io.tokenwarden.application.audit.AuditTrail;
import io.tokenwarden.application.handout.AccessTokenHandOut;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.Tenant;
import io.tokenwarden.domain.TenantSlug;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creating, finding, renaming, disconnecting and deleting tenants: what the console and the admin
 * API both do. A tenant is created with its (PENDING) connection in one transaction.
 */
@ApplicationScoped
public class TenantService {

  @Inject TenantScope scope;

  @Inject Clock clock;

  @Inject AuditTrail audit;

  @Inject AccessTokenHandOut handOut;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  /**
   * @throws IllegalArgumentException with a message for a person when slug or name is invalid
   * @throws TenantSlugTakenException when another tenant has the slug
   */
  public Tenant create(String slug, String displayName) {
    TenantSlug validSlug = TenantSlug.of(slug == null ? null : slug.strip());
    Instant now = clock.instant();
    return scope.asRoot(
        () -> {
          if (findBySlugInScope(validSlug.value()).isPresent()) {
            throw new TenantSlugTakenException(validSlug.value());
          }
          Tenant tenant = new Tenant(validSlug, displayName, now);
          em.persist(tenant);
          em.flush();
          // Root context: Hibernate keeps the explicit tenant id of the new connection.
          em.persist(FreeAgentConnection.pending(tenant.id(), now));
          return tenant;
        });
  }

  public Optional<Tenant> findBySlug(String slug) {
    if (slug == null || TenantSlug.problemWith(slug) != null) {
      return Optional.empty();
    }
    return scope.asRoot(() -> findBySlugInScope(slug));
  }

  public Optional<Tenant> findById(UUID id) {
    return scope.asRoot(() -> Optional.ofNullable(em.find(Tenant.class, id)));
  }

  /** Tenants in slug order, one page at a time. */
  public List<Tenant> list(int offset, int limit) {
    return scope.asRoot(
        () ->
            em.createQuery("select t from Tenant t order by t.slug", Tenant.class)
                .setFirstResult(Math.max(0, offset))
                .setMaxResults(Math.max(1, Math.min(limit, 500)))
                .getResultList());
  }

  public Tenant rename(UUID tenantId, String displayName) {
    return scope.asRoot(
        () -> {
          Tenant tenant = require(tenantId);
          tenant.rename(displayName);
          return tenant;
        });
  }

  /** Forgets the tenant's tokens and stops refreshing; a reconnect link can bring it back. */
  public void disconnect(UUID tenantId) {
    scope.asTenant(
        tenantId,
        () -> {
          FreeAgentConnection connection = connectionInScope();
          connection.disconnect(clock.instant());
          audit.record(
              tenantId,
              RefreshTrigger.MANUAL,
              "DISCONNECTED",
              null,
              null,
              ConnectionStatus.DISCONNECTED,
              "Disconnected by an operator; stored tokens were erased.");
          return null;
        });
    // This node stops handing the token out at once; other nodes within their cache TTL (ADR 0021).
    handOut.forget(tenantId);
  }

  /** Deletes the tenant with its connection, links and audit trail. */
  public boolean delete(UUID tenantId) {
    handOut.forget(tenantId);
    return scope.asRoot(
        () -> {
          Tenant tenant = em.find(Tenant.class, tenantId);
          if (tenant == null) {
            return false;
          }
          // The database cascades to every tenant-owned table (ON DELETE CASCADE).
          em.remove(tenant);
          return true;
        });
  }

  private FreeAgentConnection connectionInScope() {
    return em.createQuery("select c from FreeAgentConnection c", FreeAgentConnection.class)
        .getSingleResult();
  }

  private Tenant require(UUID tenantId) {
    Tenant tenant = em.find(Tenant.class, tenantId);
    if (tenant == null) {
      throw new UnknownTenantException(tenantId.toString());
    }
    return tenant;
  }

  private Optional<Tenant> findBySlugInScope(String slug) {
    return em.createQuery("select t from Tenant t where t.slug = :slug", Tenant.class)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst();
  }
}
