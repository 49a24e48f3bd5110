package io.tokenwarden.application.refresh;

import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Claims connections for refreshing: a lease (owner + expiry) taken in one short transaction with
 * {@code FOR UPDATE SKIP LOCKED}, so nodes never claim the same row and a node that dies loses its
 * lease when it expires. The per-user refresh limit is counted in the same transaction, under the
 * lock of the user's window row, which is what makes it hold across nodes. Native SQL; each query
 * either names its tenant or is marked cross-tenant.
 */
@ApplicationScoped
public class ConnectionLeases {

  /** Status values the scheduler keeps fresh (ConnectionStatus.isScheduled). */
  static final String SCHEDULED = "('CONNECTED','REFRESH_FAILING','THROTTLED')";

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  @Inject NodeIdentity node;

  @Inject RefreshSettings settings;

  @Inject Clock clock;

  /**
   * Claims up to {@code limit} due connections, most urgent access-token expiry first. Rows whose
   * FreeAgent user has used up this minute's refreshes are not claimed but moved to the next
   * window, so they cannot crowd the head of the queue.
   */
  public List<ClaimedConnection> claimDue(int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return scope.asRoot(
        () -> {
          Instant now = clock.instant();
          // Cross-tenant by design: the scheduler claims for every tenant.
          @SuppressWarnings("unchecked")
          List<Object[]> rows =
              em.createNativeQuery(
                      "SELECT id, tenant_id, user_email, company_id, next_refresh_at"
                          + " FROM freeagent_connection"
                          // "(… IN …) = TRUE" keeps H2 off ix_connection_status: H2 prefers
                          // an IN list over the next_refresh_at range even when every row has
                          // the same status, and then scans the whole table every tick
                          // (ScaleBench: 76 ms at 100,000 tenants). PostgreSQL plans it the same.
                          + " WHERE (status IN "
                          + SCHEDULED
                          + ") = TRUE"
                          + " AND next_refresh_at <= :now"
                          + " AND (lease_expires_at IS NULL OR lease_expires_at < :now)"
                          + " ORDER BY access_expires_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                  .setParameter("now", at(now))
                  .setParameter("limit", limit)
                  .getResultList();
          return admitAndLease(rows, now);
        });
  }

  /**
   * Claims one tenant's connection for an on-demand or manual refresh.
   *
   * @return the claim, or why there is none
   */
  public ClaimAttempt claimOne(UUID tenantId) {
    return scope.asTenant(
        tenantId,
        () -> {
          Instant now = clock.instant();
          @SuppressWarnings("unchecked")
          List<Object[]> rows =
              em.createNativeQuery(
                      "SELECT id, tenant_id, user_email, company_id, next_refresh_at,"
                          + " status, lease_expires_at, throttled_until"
                          + " FROM freeagent_connection WHERE tenant_id = :tenant"
                          + " FOR UPDATE")
                  .setParameter("tenant", tenantId)
                  .getResultList();
          if (rows.isEmpty()) {
            return ClaimAttempt.none(ClaimAttempt.Reason.NOT_SCHEDULED, null);
          }
          Object[] row = rows.get(0);
          String status = row[5].toString();
          if (!SCHEDULED.contains("'" + status + "'")) {
            return ClaimAttempt.none(ClaimAttempt.Reason.NOT_SCHEDULED, null);
          }
          Instant leaseExpires = SqlValues.instant(row[6]);
          if (leaseExpires != null && !leaseExpires.isBefore(now)) {
            return ClaimAttempt.none(ClaimAttempt.Reason.LEASED_ELSEWHERE, leaseExpires);
          }
          Instant throttledUntil = SqlValues.instant(row[7]);
          if (throttledUntil != null && throttledUntil.isAfter(now)) {
            // FreeAgent asked us to wait; calling earlier only invites stricter limits.
            return ClaimAttempt.none(ClaimAttempt.Reason.THROTTLED, throttledUntil);
          }
          List<ClaimedConnection> claimed = admitAndLease(List.<Object[]>of(row), now, false);
          if (claimed.isEmpty()) {
            return ClaimAttempt.none(
                ClaimAttempt.Reason.USER_LIMIT, UserRefreshWindow.nextWindow(now));
          }
          return ClaimAttempt.claimed(claimed.get(0));
        });
  }

  /** Gives the lease back without storing anything (nothing to do, or a failure was recorded). */
  public void release(ClaimedConnection claim) {
    scope.asTenant(
        claim.tenantId(),
        () ->
            em.createNativeQuery(
                    "UPDATE freeagent_connection SET lease_owner = NULL, lease_expires_at = NULL"
                        + " WHERE tenant_id = :tenant AND id = :id AND lease_owner = :owner")
                .setParameter("tenant", claim.tenantId())
                .setParameter("id", claim.connectionId())
                .setParameter("owner", node.name())
                .executeUpdate());
  }

  private List<ClaimedConnection> admitAndLease(List<Object[]> rows, Instant now) {
    return admitAndLease(rows, now, true);
  }

  private List<ClaimedConnection> admitAndLease(
      List<Object[]> rows, Instant now, boolean deferLimited) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, UserRefreshWindow> windows = lockWindows(rows);
    List<ClaimedConnection> admitted = new ArrayList<>();
    Instant leaseUntil = now.plus(settings.lease());
    for (Object[] row : rows) {
      UUID id = SqlValues.uuid(row[0]);
      UUID tenantId = SqlValues.uuid(row[1]);
      String userKey = SqlValues.userKey(row[2], row[3], tenantId);
      UserRefreshWindow window = windows.getOrDefault(userKey, new UserRefreshWindow(null, 0));
      if (!window.admits(now, settings.perUserLimit())) {
        if (deferLimited) {
          deferToNextWindow(id, tenantId, now);
        }
        continue;
      }
      windows.put(userKey, window.plusOne(now));
      admitted.add(new ClaimedConnection(id, tenantId, userKey, SqlValues.instant(row[4])));
      em.createNativeQuery(
              "UPDATE freeagent_connection SET lease_owner = :owner, lease_expires_at = :until"
                  + " WHERE tenant_id = :tenant AND id = :id")
          .setParameter("owner", node.name())
          .setParameter("until", at(leaseUntil))
          .setParameter("tenant", tenantId)
          .setParameter("id", id)
          .executeUpdate();
    }
    storeWindows(windows);
    return admitted;
  }

  /** Reads (and locks) the window rows of the users in {@code rows}; creates missing ones. */
  private Map<String, UserRefreshWindow> lockWindows(List<Object[]> rows) {
    List<String> keys = new ArrayList<>();
    for (Object[] row : rows) {
      String key = SqlValues.userKey(row[2], row[3], SqlValues.uuid(row[1]));
      if (!keys.contains(key)) {
        keys.add(key);
      }
    }
    Map<String, UserRefreshWindow> windows = new HashMap<>();
    // Keyed by FreeAgent user, not by tenant: a user's limit spans all tenants they connected.
    @SuppressWarnings("unchecked")
    List<Object[]> found =
        em.createNativeQuery(
                "SELECT user_key, window_start, used FROM user_refresh_window"
                    + " WHERE user_key IN (:keys) FOR UPDATE")
            .setParameter("keys", keys)
            .getResultList();
    for (Object[] row : found) {
      windows.put(
          row[0].toString(),
          new UserRefreshWindow(SqlValues.instant(row[1]), (int) SqlValues.number(row[2])));
    }
    return windows;
  }

  private void storeWindows(Map<String, UserRefreshWindow> windows) {
    for (Map.Entry<String, UserRefreshWindow> entry : windows.entrySet()) {
      UserRefreshWindow window = entry.getValue();
      if (window.windowStart() == null) {
        continue;
      }
      int updated =
          em.createNativeQuery(
                  "UPDATE user_refresh_window SET window_start = :start, used = :used"
                      + " WHERE user_key = :key")
              .setParameter("start", at(window.windowStart()))
              .setParameter("used", window.used())
              .setParameter("key", entry.getKey())
              .executeUpdate();
      if (updated == 0) {
        // First refresh ever seen for this user. Two nodes racing here make one claim fail on
        // the primary key; its rows stay unclaimed and the next tick takes them.
        em.createNativeQuery(
                "INSERT INTO user_refresh_window (user_key, window_start, used)"
                    + " VALUES (:key, :start, :used)")
            .setParameter("key", entry.getKey())
            .setParameter("start", at(window.windowStart()))
            .setParameter("used", window.used())
            .executeUpdate();
      }
    }
  }

  private void deferToNextWindow(UUID id, UUID tenantId, Instant now) {
    em.createNativeQuery(
            "UPDATE freeagent_connection SET next_refresh_at = :next"
                + " WHERE tenant_id = :tenant AND id = :id")
        .setParameter("next", at(UserRefreshWindow.nextWindow(now)))
        .setParameter("tenant", tenantId)
        .setParameter("id", id)
        .executeUpdate();
  }

  static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** The outcome of trying to claim one tenant's connection. */
  public record ClaimAttempt(Optional<ClaimedConnection> claim, Reason reason, Instant notBefore) {

    /** Why nothing was claimed. */
    public enum Reason {
      CLAIMED,
      NOT_SCHEDULED,
      LEASED_ELSEWHERE,
      THROTTLED,
      USER_LIMIT
    }

    static ClaimAttempt claimed(ClaimedConnection claim) {
      return new ClaimAttempt(Optional.of(claim), Reason.CLAIMED, null);
    }

    static ClaimAttempt none(Reason reason, Instant notBefore) {
      return new ClaimAttempt(Optional.empty(), reason, notBefore);
    }
  }
}
