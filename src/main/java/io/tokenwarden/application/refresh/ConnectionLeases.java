package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Claims connections for refreshing: a lease (owner + expiry) taken in one short transaction with
 * {@code FOR UPDATE SKIP LOCKED}, so nodes never claim the same row and a node that dies loses its
 * lease when it expires. The per-user refresh limit is counted in the same transaction, under the
 * lock of the user's window row, which is what makes it hold across nodes. Native SQL; each query
 * either names its tenant or is marked cross-tenant.
 */
@ApplicationScoped
public class ConnectionLeases {

  /** The SQL list of the statuses the scheduler keeps fresh, built from the enum's own rule. */
  static final String SCHEDULED =
      Arrays.stream(ConnectionStatus.values())
          .filter(ConnectionStatus::isScheduled)
          .map(status -> "'" + status.name() + "'")
          .collect(Collectors.joining(",", "(", ")"));

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  private static final String PENDING = "pending";

  @Inject NodeIdentity node;

  @Inject ParkedPairs parked;

  @Inject PeersParkedPairs peersParked;

  @Inject NodeRegistry registry;

  @Inject @ConfigProperties RefreshSettings settings;

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
    // Their refresh token is spent; the pair that replaces it waits in this node's journal.
    Set<UUID> pending = parked.pendingTenants();
    if (!registry.mayClaim()) {
      return List.of();
    }
    NodeLiveness liveness = registry.liveness();
    return scope.asRoot(
        () -> {
          Instant now = clock.instant();
          Instant databaseNow = databaseNow();
          // And those that holders which look dead said they hold (asked below, ADR 0029).
          Set<UUID> waiting = new HashSet<>(pending);
          waiting.addAll(peersParked.recentlyHeld());
          List<Object[]> rows = candidates(limit, now, databaseNow, liveness, waiting);
          List<Object[]> free = notHeldByStaleHolders(rows, liveness, databaseNow);
          if (free.size() < rows.size()) {
            // Rows a silent holder keeps: select again without them, so they take no slot (rows
            // this transaction locked already come back; its own locks do not skip them).
            List<Object[]> kept = new ArrayList<>(rows);
            kept.removeAll(free);
            kept.forEach(r -> waiting.add(SqlValues.uuid(r[1])));
            free =
                notHeldByStaleHolders(
                    candidates(limit, now, databaseNow, liveness, waiting), liveness, databaseNow);
          }
          return admitAndLease(free, now, databaseNow, true);
        });
  }

  /** The due rows this node may take, most urgent first, locked; none of {@code waiting}. */
  private List<Object[]> candidates(
      int limit, Instant now, Instant databaseNow, NodeLiveness liveness, Set<UUID> waiting) {
    if (limit <= 0) {
      return List.of();
    }
    // Cross-tenant by design: the scheduler claims for every tenant.
    Query query =
        em.createNativeQuery(
                "SELECT id, tenant_id, user_email, company_id, next_refresh_at, lease_owner"
                    + " FROM freeagent_connection"
                    // "(… IN …) = TRUE" keeps H2 off ix_connection_status: H2 prefers
                    // an IN list over the next_refresh_at range even when every row has
                    // the same status, and then scans the whole table every tick
                    // (ScaleBench: 76 ms at 100,000 tenants). PostgreSQL plans it the same.
                    + " WHERE (status IN "
                    + SCHEDULED
                    + ") = TRUE"
                    + " AND next_refresh_at <= :now"
                    + " AND (lease_expires_at IS NULL OR "
                    + takeable(liveness, databaseNow)
                    + ")"
                    + excludingPending(waiting)
                    + " ORDER BY access_expires_at LIMIT :limit FOR UPDATE SKIP LOCKED")
            .setParameter("now", at(now))
            .setParameter("databaseNow", at(databaseNow))
            .setParameter("limit", limit);
    bindTakeable(query, liveness, databaseNow);
    if (!waiting.isEmpty()) {
      query.setParameter(PENDING, List.copyOf(waiting));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows;
  }

  /**
   * The rows whose holder is not a stale one keeping them (ADR 0029). The holders are looked up
   * only when some row has another node's lease (a takeover), so the claim SQL stays as it was.
   */
  private List<Object[]> notHeldByStaleHolders(
      List<Object[]> rows, NodeLiveness liveness, Instant databaseNow) {
    if (!peersParked.asking()) {
      return rows;
    }
    Set<String> owners = new HashSet<>();
    for (Object[] r : rows) {
      if (r[5] != null && !r[5].toString().equals(liveness.me())) {
        owners.add(r[5].toString());
      }
    }
    if (owners.isEmpty()) {
      return rows;
    }
    Map<String, Object[]> holders = new HashMap<>();
    @SuppressWarnings("unchecked")
    List<Object[]> registered =
        em.createNativeQuery(
                "SELECT name, heartbeat_at, peer_url FROM node WHERE name IN (:owners)")
            .setParameter("owners", List.copyOf(owners))
            .getResultList();
    registered.forEach(h -> holders.put(h[0].toString(), h));
    List<Object[]> free = new ArrayList<>();
    for (Object[] r : rows) {
      Object[] holder = r[5] == null ? null : holders.get(r[5].toString());
      if (holder == null
          || !heldByStaleHolder(
              SqlValues.uuid(r[1]),
              liveness,
              r[5].toString(),
              SqlValues.instant(holder[1]),
              (String) holder[2],
              databaseNow)) {
        free.add(r);
      }
    }
    return free;
  }

  /**
   * Claims one tenant's connection for an on-demand or manual refresh.
   *
   * @param holdToBackoff leave a connection alone whose retry after failures is not due yet, as the
   *     scheduler does (a hand-out; an operator's "refresh now" may try at once)
   * @return the claim, or why there is none
   */
  public ClaimAttempt claimOne(UUID tenantId, boolean holdToBackoff) {
    if (parked.holds(tenantId)) {
      // FreeAgent already answered; a call now would send the spent refresh token.
      return ClaimAttempt.none(ClaimAttempt.Reason.PAIR_WAITING, null);
    }
    if (!registry.mayClaim()) {
      return ClaimAttempt.none(ClaimAttempt.Reason.NODE_NOT_CLAIMING, null);
    }
    NodeLiveness liveness = registry.liveness();
    return scope.asTenant(
        tenantId,
        () -> {
          Instant now = clock.instant();
          @SuppressWarnings("unchecked")
          List<Object[]> rows =
              em.createNativeQuery(
                      "SELECT id, tenant_id, user_email, company_id, next_refresh_at,"
                          + " status, lease_expires_at, throttled_until, lease_owner,"
                          // The registry belongs to no tenant; its row names the lease owner.
                          + " (SELECT n.heartbeat_at FROM node n WHERE n.name = freeagent_connection.lease_owner),"
                          + " consecutive_failures,"
                          + " (SELECT n.peer_url FROM node n WHERE n.name = freeagent_connection.lease_owner)"
                          + " FROM freeagent_connection WHERE tenant_id = :tenant"
                          + " FOR UPDATE")
                  .setParameter("tenant", tenantId)
                  .getResultList();
          if (rows.isEmpty()) {
            return ClaimAttempt.none(ClaimAttempt.Reason.NOT_SCHEDULED, null);
          }
          Object[] row = rows.get(0);
          if (!ConnectionStatus.valueOf(row[5].toString()).isScheduled()) {
            return ClaimAttempt.none(ClaimAttempt.Reason.NOT_SCHEDULED, null);
          }
          Instant databaseNow = databaseNow();
          Instant leaseExpires = SqlValues.instant(row[6]);
          String owner = row[8] == null ? null : row[8].toString();
          Instant ownerHeartbeat = SqlValues.instant(row[9]);
          if (!liveness.mayTake(owner, leaseExpires, ownerHeartbeat, databaseNow)) {
            return ClaimAttempt.none(ClaimAttempt.Reason.LEASED_ELSEWHERE, leaseExpires);
          }
          if (heldByStaleHolder(
              tenantId, liveness, owner, ownerHeartbeat, (String) row[11], databaseNow)) {
            // The holder looks dead but answers that FreeAgent's pair for this row waits with it.
            return ClaimAttempt.none(ClaimAttempt.Reason.PAIR_WAITING, null);
          }
          Instant throttledUntil = SqlValues.instant(row[7]);
          if (throttledUntil != null && throttledUntil.isAfter(now)) {
            // FreeAgent asked us to wait; calling earlier only invites stricter limits.
            return ClaimAttempt.none(ClaimAttempt.Reason.THROTTLED, throttledUntil);
          }
          Instant retryAt = SqlValues.instant(row[4]);
          if (holdToBackoff
              && SqlValues.number(row[10]) > 0
              && retryAt != null
              && retryAt.isAfter(now)) {
            // The scheduler retries after failures with backoff; a hand-out must not go faster.
            return ClaimAttempt.none(ClaimAttempt.Reason.BACKING_OFF, retryAt);
          }
          List<ClaimedConnection> claimed =
              admitAndLease(List.<Object[]>of(row), now, databaseNow, false);
          if (claimed.isEmpty()) {
            return ClaimAttempt.none(
                ClaimAttempt.Reason.USER_LIMIT, UserRefreshWindow.nextWindow(now));
          }
          return ClaimAttempt.claimed(claimed.get(0));
        });
  }

  /**
   * Gives back a claim that sent nothing (it waited for a worker while the node began to stop or to
   * hold back, or another refresh of the tenant ran): its lease, and the user's refresh slot it
   * counted, since FreeAgent was not called. A claim whose lease another claim holds by now gives
   * back neither.
   */
  public void giveBackUnsent(ClaimedConnection claim) {
    scope.asTenant(
        claim.tenantId(),
        () -> {
          if (release(claim.tenantId(), claim.connectionId(), claim.claimId()) == 1) {
            returnUserSlot(claim);
          }
          return null;
        });
  }

  /**
   * Gives back the per-user refresh slot {@code claim} counted, in the caller's unit of work, for a
   * claim that ended without a token call (given back unsent, refused locally by the open circuit
   * breaker or the full bulkhead, or with nothing to send). FreeAgent's limit counts calls, not
   * claims: a slot kept for a call never made defers that user's next refreshes to the next window,
   * and while the breaker is open every probing claim would otherwise spend one (RELIABILITY.md
   * finding 7). Only the window the claim counted in, and never below zero: once the next window
   * has begun there is nothing to give back.
   */
  public void returnUserSlot(ClaimedConnection claim) {
    em.createNativeQuery(
            "UPDATE user_refresh_window SET used = used - 1"
                + " WHERE user_key = :key AND window_start = :window AND used > 0")
        .setParameter("key", claim.userKey())
        .setParameter("window", at(claim.userWindow()))
        .executeUpdate();
  }

  /**
   * Renews the lease of every row whose received pair waits in this node's journal, for another
   * {@code tokenwarden.refresh.lease} in the database's time. The tick calls it after a successful
   * heartbeat: the database answers, yet the store of those pairs keeps failing. Without it the
   * lease would run out and, 2 × dead-after later, another node would take the row and send the
   * refresh token FreeAgent has already rotated; that pair is the tenant's only usable one, and no
   * other node can do better than wait for it. Only the lease of the pair's own claim is renewed
   * (one another claim has taken meanwhile stays as it is), and a dead holder's renewed leases
   * still go to the survivors as soon as its heartbeat is stale ({@link NodeLiveness}).
   *
   * @return the rows whose lease was renewed
   */
  public int holdParked() {
    List<ReceivedPair> waiting =
        parked.all().stream().filter(pair -> pair.claimId() != null).toList();
    if (waiting.isEmpty()) {
      return 0;
    }
    // Cross-tenant by design, like the claim: one unit of work for every pair this node holds.
    return scope.asRoot(
        () -> {
          Instant until = databaseNow().plus(settings.lease());
          int renewed = 0;
          for (ReceivedPair pair : waiting) {
            renewed +=
                em.createNativeQuery(
                        "UPDATE freeagent_connection SET lease_expires_at = :until"
                            + " WHERE tenant_id = :tenant AND lease_claim = :claim")
                    .setParameter("until", at(until))
                    .setParameter("tenant", pair.tenantId())
                    .setParameter("claim", pair.claimId())
                    .executeUpdate();
          }
          return renewed;
        });
  }

  /**
   * Gives a claim's lease back, in the caller's tenant-scoped unit of work. Only the lease this
   * claim wrote is released: a newer claim's (another node's, or this node's after the older one's
   * lease ran out) stays, for it to find the changed {@code token_version} when it stores. A null
   * claim (no claim, e.g. the maintenance job) releases nothing.
   *
   * @return 1 when this claim held the lease until now, else 0
   */
  public int release(UUID tenantId, UUID connectionId, UUID claimId) {
    if (claimId == null) {
      return 0;
    }
    return em.createNativeQuery(
            "UPDATE freeagent_connection SET lease_owner = NULL, lease_expires_at = NULL,"
                + " lease_claim = NULL"
                + " WHERE tenant_id = :tenant AND id = :id AND lease_claim = :claim")
        .setParameter("tenant", tenantId)
        .setParameter("id", connectionId)
        .setParameter("claim", claimId)
        .executeUpdate();
  }

  /**
   * Whether the row's holder, stale by its heartbeat though maybe alive and cut off from the
   * database alone, says it holds a pair FreeAgent issued for the tenant (ADR 0029).
   */
  private boolean heldByStaleHolder(
      UUID tenantId,
      NodeLiveness liveness,
      String owner,
      Instant ownerHeartbeat,
      String ownerUrl,
      Instant databaseNow) {
    if (owner == null
        || owner.equals(liveness.me())
        || ownerHeartbeat == null
        || ownerUrl == null
        || !NodeLiveness.isStale(ownerHeartbeat, databaseNow, liveness.deadAfter())) {
      return false;
    }
    return peersParked.holds(
        new PeersParkedPairs.StalePeer(owner, URI.create(ownerUrl), ownerHeartbeat), tenantId);
  }

  /**
   * The database's current time, in the caller's transaction. Leases are set and compared in it,
   * not in each node's own clock: two nodes whose clocks differ by more than a lease's margin would
   * otherwise both believe they may send the same refresh token.
   */
  public Instant databaseNow() {
    return SqlValues.instant(em.createNativeQuery("SELECT CURRENT_TIMESTAMP").getSingleResult());
  }

  private List<ClaimedConnection> admitAndLease(
      List<Object[]> rows, Instant now, Instant databaseNow, boolean deferLimited) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, UserRefreshWindow> windows = lockWindows(rows);
    List<ClaimedConnection> admitted = new ArrayList<>();
    Instant leaseUntil = databaseNow.plus(settings.lease());
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
      // A fresh id per claim: the lease says which claim holds it, not only which node.
      UUID claimId = UUID.randomUUID();
      admitted.add(
          new ClaimedConnection(
              id,
              tenantId,
              userKey,
              SqlValues.instant(row[4]),
              claimId,
              UserRefreshWindow.windowOf(now)));
      em.createNativeQuery(
              "UPDATE freeagent_connection SET lease_owner = :owner, lease_expires_at = :until,"
                  + " lease_claim = :claim WHERE tenant_id = :tenant AND id = :id")
          .setParameter("owner", node.name())
          .setParameter("until", at(leaseUntil))
          .setParameter("claim", claimId)
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

  /**
   * The claim's condition for a leased row, {@link NodeLiveness#mayTake} in SQL (the registry is a
   * handful of rows, probed by primary key only for due rows that are leased). Back from a database
   * outage, only this node's own expired leases; otherwise an expired lease whose holder is not
   * alive in the registry (or expired longer than the grace ago), or a lease whose holder is known
   * dead ({@link NodeLiveness#holderGone}).
   */
  static String takeable(NodeLiveness liveness, Instant databaseNow) {
    String expiredAndMine =
        "lease_expires_at < :databaseNow AND (lease_owner IS NULL OR lease_owner = :me";
    if (liveness.rejoining(databaseNow)) {
      return "(" + expiredAndMine + "))";
    }
    String expired =
        "("
            + expiredAndMine
            + " OR lease_expires_at < :graceBefore"
            + " OR NOT EXISTS (SELECT 1 FROM node n WHERE n.name = freeagent_connection.lease_owner)))";
    String deadNode =
        " OR EXISTS (SELECT 1 FROM node n WHERE n.name = freeagent_connection.lease_owner"
            + " AND n.heartbeat_at < :deadBefore)";
    if (!liveness.settled()) {
      return expired + deadNode;
    }
    return expired
        + deadNode
        + " OR (lease_owner LIKE :incarnations ESCAPE '"
        + NodeLiveness.ESCAPE
        + "' AND lease_owner <> :me"
        + " AND NOT EXISTS (SELECT 1 FROM node n WHERE n.name = freeagent_connection.lease_owner"
        + " AND n.heartbeat_at >= :startedAt))";
  }

  private static void bindTakeable(Query query, NodeLiveness liveness, Instant databaseNow) {
    query.setParameter("me", liveness.me());
    if (liveness.rejoining(databaseNow)) {
      return;
    }
    query
        .setParameter("graceBefore", at(databaseNow.minus(liveness.expiredLeaseGrace())))
        .setParameter("deadBefore", at(databaseNow.minus(liveness.deadAfter())));
    if (liveness.settled()) {
      query
          .setParameter("incarnations", NodeLiveness.incarnationPattern(liveness.configuredName()))
          .setParameter("startedAt", at(liveness.startedAt()));
    }
  }

  /**
   * The claim's condition that leaves out the tenants whose received pair waits on this node; none
   * when there are none (an empty SQL IN list is invalid).
   */
  static String excludingPending(Set<UUID> pending) {
    return pending.isEmpty() ? "" : " AND tenant_id NOT IN (:" + PENDING + ")";
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
      /** Failed before; its retry (next_refresh_at, with backoff) is not due yet. */
      BACKING_OFF,
      USER_LIMIT,
      /**
       * A pair FreeAgent issued for it waits to be stored: on this node (ParkedPairs) or on a
       * holder cut off from the database (PeersParkedPairs).
       */
      PAIR_WAITING,
      /**
       * This node claims nothing: it cannot beat in the registry, or shares its name
       * (NodeRegistry).
       */
      NODE_NOT_CLAIMING
    }

    static ClaimAttempt claimed(ClaimedConnection claim) {
      return new ClaimAttempt(Optional.of(claim), Reason.CLAIMED, null);
    }

    static ClaimAttempt none(Reason reason, Instant notBefore) {
      return new ClaimAttempt(Optional.empty(), reason, notBefore);
    }
  }
}
