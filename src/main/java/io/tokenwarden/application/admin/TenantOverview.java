package io.tokenwarden.application.admin;

import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's cross-tenant read model: one page of tenants joined with their connections, the
 * number of rows a query matches, and the count per status. Pages are fetched with LIMIT/OFFSET in
 * the database and ordered by an indexed column with the slug as tie-breaker, so the first page at
 * 100,000 tenants reads a page of rows, not the table.
 */
@ApplicationScoped
public class TenantOverview {

  /** The largest page any caller gets (the console pages by 10 to 200, the admin API up to 500). */
  public static final int MAX_PAGE_SIZE = 500;

  private static final String ROW =
      "select new io.tokenwarden.application.admin.TenantRow(t.id, t.slug, t.displayName,"
          + " c.companyName, c.status, c.accessExpiresAt, c.refreshExpiresAt, c.lastSuccessAt,"
          + " c.nextRefreshAt, c.consecutiveFailures, c.lastErrorMessage, c.throttledUntil,"
          + " t.lastOnboardingStep, t.lastOnboardingAt)";
  private static final String FROM =
      " from Tenant t join FreeAgentConnection c on c.tenantId = t.id";

  @Inject TenantScope scope;

  @Inject FreeAgentConnections connections;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  /** One page of rows; runs in the root context (every tenant). */
  public List<TenantRow> page(TenantQuery query, int first, int pageSize) {
    String direction = query.ascending() ? " asc" : " desc";
    String order =
        " order by "
            + query.sort().path()
            + direction
            + " nulls last"
            + (query.sort() == TenantSort.SLUG ? "" : ", t.slug asc");
    return scope.asRoot(
        () -> {
          TypedQuery<TenantRow> typed =
              em.createQuery(ROW + FROM + where(query) + order, TenantRow.class);
          bind(typed, query);
          return typed
              .setFirstResult(Math.max(0, first))
              .setMaxResults(Math.max(1, Math.min(pageSize, MAX_PAGE_SIZE)))
              .getResultList();
        });
  }

  /**
   * How many tenants the query matches (for the paginator). Every tenant has exactly one connection
   * (created with it, deleted with it), so without a text filter the connections alone are counted:
   * no join over every tenant, which at 100,000 tenants is most of the page's cost.
   */
  public long count(TenantQuery query) {
    String jpql =
        query.text() == null
            ? "select count(c) from FreeAgentConnection c"
                + (query.status() == null ? "" : " where c.status = :status")
            : "select count(t)" + FROM + where(query);
    return scope.asRoot(
        () -> {
          TypedQuery<Long> typed = em.createQuery(jpql, Long.class);
          bind(typed, query);
          return typed.getSingleResult();
        });
  }

  /** Connections per status, every status present (zero when none), in one GROUP BY. */
  public Map<ConnectionStatus, Long> countsByStatus() {
    return scope.asRoot(connections::countsByStatus);
  }

  /**
   * The earliest {@code next_refresh_at} of a scheduled connection that is due at {@code now}, or
   * empty when nothing is due: how far the refresh engine is behind (scheduler lag).
   */
  public Optional<Instant> oldestDueRefresh(Instant now) {
    return scope.asRoot(() -> connections.earliestDueRefresh(now));
  }

  private static String where(TenantQuery query) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    if (query.status() != null) {
      where.append(" and c.status = :status");
    }
    if (query.text() != null) {
      where.append(
          " and (lower(t.slug) like :text escape '!' or lower(t.displayName) like :text escape '!'"
              + " or lower(c.companyName) like :text escape '!')");
    }
    return where.toString();
  }

  private static void bind(TypedQuery<?> typed, TenantQuery query) {
    if (query.status() != null) {
      typed.setParameter("status", query.status());
    }
    if (query.text() != null) {
      typed.setParameter("text", query.likePattern());
    }
  }
}
