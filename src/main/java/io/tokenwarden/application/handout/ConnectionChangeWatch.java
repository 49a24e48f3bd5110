package io.tokenwarden.application.handout;

import io.tokenwarden.application.StoreUnavailableException;
import io.tokenwarden.application.refresh.RefreshMetrics;
import io.tokenwarden.application.refresh.SqlValues;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

/**
 * This node's change watch (ADR 0028): one poll reads, across all tenants, the connection rows
 * whose {@code updated_at} moved and the tenants deleted since the previous poll (with {@link
 * ChangeCoverage}'s overlap), and hands them to {@link AccessTokenHandOut#applyChanges}. Two
 * indexed range reads per poll, whatever the number of tenants, instead of one re-read per tenant
 * per TTL. A poll that fails changes nothing: the entries it would have confirmed fall back to
 * their TTL, and the next poll that succeeds reads from the last one applied.
 */
@ApplicationScoped
public class ConnectionChangeWatch {

  private static final Logger LOG = Logger.getLogger(ConnectionChangeWatch.class.getName());

  /** Rows whose updated_at moved: the state a cached token is compared with, no token column. */
  static final String CHANGED_ROWS =
      "SELECT tenant_id, token_version, updated_at, status FROM freeagent_connection"
          + " WHERE updated_at > :after";

  static final String DELETED_TENANTS =
      "SELECT tenant_id, slug FROM tenant_deletion WHERE deleted_at > :after";

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  @Inject AccessTokenHandOut handOut;

  @Inject RefreshMetrics metrics;

  @Inject Clock clock;

  private volatile boolean failing;

  /**
   * Reads and applies one poll; called by this node's timer, one call at a time.
   *
   * @return false when the database could not answer (logged once per outage)
   */
  public boolean poll() {
    Instant start = clock.instant();
    OffsetDateTime after = handOut.coverage().readChangesAfter(start).atOffset(ZoneOffset.UTC);
    ConnectionChanges changes;
    try {
      changes =
          StoreUnavailableException.translating(
              () ->
                  scope.asRoot(() -> new ConnectionChanges(changedRows(after), deletions(after))));
    } catch (StoreUnavailableException e) {
      metrics.changeWatchPoll("failed");
      if (!failing) {
        failing = true;
        // An outage is reported by readiness and the data source; one line here, no stack.
        LOG.warning(
            "The hand-out's change watch cannot read the database; cached tokens live by"
                + " tokenwarden.handout.cache-ttl until it can.");
      }
      return false;
    }
    metrics.changeWatchPoll(handOut.applyChanges(changes, start) ? "applied" : "restarted");
    if (failing) {
      failing = false;
      LOG.info("The hand-out's change watch reads the database again.");
    }
    return true;
  }

  private List<ConnectionChanges.ChangedRow> changedRows(OffsetDateTime after) {
    List<?> rows = em.createNativeQuery(CHANGED_ROWS).setParameter("after", after).getResultList();
    return rows.stream()
        .map(Object[].class::cast)
        .map(
            row ->
                new ConnectionChanges.ChangedRow(
                    SqlValues.uuid(row[0]),
                    new AccessTokenCache.RowState(
                        SqlValues.number(row[1]), SqlValues.instant(row[2])),
                    ConnectionStatus.valueOf(row[3].toString()).isScheduled()))
        .toList();
  }

  private List<ConnectionChanges.DeletedTenant> deletions(OffsetDateTime after) {
    List<?> rows =
        em.createNativeQuery(DELETED_TENANTS).setParameter("after", after).getResultList();
    return rows.stream()
        .map(Object[].class::cast)
        .map(row -> new ConnectionChanges.DeletedTenant(SqlValues.uuid(row[0]), (String) row[1]))
        .toList();
  }
}
