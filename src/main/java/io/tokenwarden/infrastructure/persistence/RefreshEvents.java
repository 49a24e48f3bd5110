package io.tokenwarden.infrastructure.persistence;

import io.tokenwarden.domain.RefreshEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The cross-tenant queries of the audit trail's {@link RefreshEvent} rows (a tenant's own trail is
 * read by {@code TenantDetails}): what the refresh engine's calls to FreeAgent came to, per minute,
 * in one aggregate over the time index. Run in {@link TenantScope#asRoot}.
 */
@ApplicationScoped
public class RefreshEvents {

  /**
   * Rows that record a token-endpoint refresh: every scheduled or hand-out row, and the operator's
   * rows other than the console's and API's own actions (rename, disconnect, links, and the note of
   * who asked for a refresh now).
   */
  private static final String REFRESH_ROWS =
      "(trigger_kind IN ('SCHEDULED', 'ON_DEMAND') OR (trigger_kind = 'MANUAL'"
          + " AND outcome NOT IN ('RENAMED', 'DISCONNECTED', 'LINK_ISSUED', 'LINK_REVOKED',"
          + " 'REFRESH_ASKED')))";

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  /**
   * Refresh outcomes per wall-clock minute from {@code start} (a minute boundary) on: succeeded,
   * refused with 429 (rate limited) and any other failure. Minutes without a refresh are absent.
   */
  public List<OutcomeMinute> refreshOutcomesSince(Instant start) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT m, SUM(CASE WHEN outcome = 'SUCCESS' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN http_status = 429 OR outcome = 'rate_limited' THEN 1 ELSE 0"
                    + " END), COUNT(*) FROM (SELECT FLOOR((EXTRACT(EPOCH FROM occurred_at)"
                    + " - :startEpoch) / 60) AS m, outcome, http_status FROM refresh_event"
                    + " WHERE occurred_at >= :start AND "
                    + REFRESH_ROWS
                    + ") e GROUP BY m ORDER BY m")
            .setParameter("start", start.atOffset(ZoneOffset.UTC))
            .setParameter("startEpoch", start.getEpochSecond())
            .getResultList();
    return rows.stream()
        .map(
            row -> {
              long succeeded = ((Number) row[1]).longValue();
              long rateLimited = ((Number) row[2]).longValue();
              long all = ((Number) row[3]).longValue();
              return new OutcomeMinute(
                  ((Number) row[0]).intValue(),
                  succeeded,
                  rateLimited,
                  all - succeeded - rateLimited);
            })
        .toList();
  }

  /**
   * Refreshes that ended in one minute.
   *
   * @param minute minutes after the start asked for
   * @param succeeded new token pair stored
   * @param rateLimited FreeAgent answered 429
   * @param failed any other failure (unreachable, 5xx, grant refused, …)
   */
  public record OutcomeMinute(int minute, long succeeded, long rateLimited, long failed) {}
}
