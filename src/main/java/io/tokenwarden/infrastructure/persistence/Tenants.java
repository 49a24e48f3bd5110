package io.tokenwarden.infrastructure.persistence;

import io.tokenwarden.domain.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The queries of the {@link Tenant} aggregate, written once. A tenant row is not tenant-owned (its
 * id is the tenant identifier), so these run in {@link TenantScope#asRoot}, in the caller's unit of
 * work.
 */
@ApplicationScoped
public class Tenants {

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  /** The tenant with this slug (slugs are unique), or empty. */
  public Optional<Tenant> bySlug(String slug) {
    return em.createQuery("select t from Tenant t where t.slug = :slug", Tenant.class)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst();
  }

  /** The tenant with this id, or empty. */
  public Optional<Tenant> byId(UUID id) {
    return Optional.ofNullable(em.find(Tenant.class, id));
  }

  /** The tenants with these ids that exist (one query). */
  public List<Tenant> byIds(Collection<UUID> ids) {
    return em.createQuery("select t from Tenant t where t.id in :ids", Tenant.class)
        .setParameter("ids", ids)
        .getResultList();
  }

  /** Adds a tenant (flushed, so a connection can reference it in the same unit of work). */
  public void add(Tenant tenant) {
    em.persist(tenant);
    em.flush();
  }

  /**
   * Removes a tenant; the database cascades to every tenant-owned table. A {@code tenant_deletion}
   * row, written in the same unit of work, tells the other nodes' hand-out change watches (ADR
   * 0028): a deleted tenant leaves no connection row behind to see.
   */
  public void remove(Tenant tenant, Instant deletedAt) {
    em.remove(tenant);
    em.createNativeQuery(
            "INSERT INTO tenant_deletion (tenant_id, slug, deleted_at) VALUES (:id, :slug, :at)")
        .setParameter("id", tenant.id())
        .setParameter("slug", tenant.slug().value())
        .setParameter("at", deletedAt.atOffset(ZoneOffset.UTC))
        .executeUpdate();
  }
}
