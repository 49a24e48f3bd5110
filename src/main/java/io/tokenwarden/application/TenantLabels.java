package io.tokenwarden.application;

import io.tokenwarden.domain.Tenant;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.persistence.Tenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How log lines name a tenant: by its slug, which an operator searches for, not its id. Slugs never
 * change, so this node remembers each one it has seen (bounded) and a log line costs no query once
 * a tenant is known: the scheduler {@link #warm warms} the tenants it claimed in one query per
 * batch, the hand-out and the services {@link #remember} what they already read. A tenant not yet
 * known is looked up in a transaction of its own; while the database fails, lookups pause for a
 * while and the line names the id instead, so logging never waits on an outage.
 */
@ApplicationScoped
public class TenantLabels {

  /** Well above the 100,000 tenants a node carries; beyond it the memory starts over. */
  static final int LIMIT = 200_000;

  private static final long PAUSE_AFTER_FAILURE_NANOS = TimeUnit.SECONDS.toNanos(30);

  @Inject TenantScope scope;

  @Inject Tenants tenants;

  private final Map<UUID, String> slugs = new ConcurrentHashMap<>();

  private volatile long lookupsPausedUntil = System.nanoTime();

  /** The tenant's slug for a log line, or its id when the slug cannot be had now. */
  public String of(UUID tenantId) {
    if (tenantId == null) {
      return "(no tenant)";
    }
    String known = slugs.get(tenantId);
    if (known != null) {
      return known;
    }
    if (System.nanoTime() - lookupsPausedUntil < 0) {
      return tenantId.toString();
    }
    try {
      return scope
          .asRoot(() -> tenants.byId(tenantId).map(t -> t.slug().value()))
          .map(slug -> remember(tenantId, slug))
          .orElse(tenantId.toString());
    } catch (RuntimeException e) {
      lookupsPausedUntil = System.nanoTime() + PAUSE_AFTER_FAILURE_NANOS;
      return tenantId.toString();
    }
  }

  /** Remembers a slug read elsewhere; returns it. */
  public String remember(UUID tenantId, String slug) {
    if (slugs.size() >= LIMIT) {
      slugs.clear();
    }
    slugs.put(tenantId, slug);
    return slug;
  }

  /**
   * Learns the slugs of those tenants not known yet in one query (the scheduler's claimed batch),
   * so the refreshes' log lines need none. A failure is left to the lines themselves.
   */
  public void warm(Collection<UUID> tenantIds) {
    List<UUID> unknown = tenantIds.stream().filter(id -> !slugs.containsKey(id)).toList();
    if (unknown.isEmpty() || System.nanoTime() - lookupsPausedUntil < 0) {
      return;
    }
    try {
      scope.asRoot(() -> tenants.byIds(unknown)).forEach(t -> remember(t.id(), t.slug().value()));
    } catch (RuntimeException e) {
      lookupsPausedUntil = System.nanoTime() + PAUSE_AFTER_FAILURE_NANOS;
    }
  }

  /** Remembers a tenant in hand. */
  public void remember(Tenant tenant) {
    remember(tenant.id(), tenant.slug().value());
  }
}
