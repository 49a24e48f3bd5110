package io.tokenwarden.infrastructure.persistence;

import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.query.NativeQuery;

/**
 * The queries of the {@link FreeAgentConnection} aggregate, written once. A tenant has at most one
 * connection, and the unfiltered JPQL means "this tenant's connection" only because Hibernate's
 * {@code @TenantId} filter adds the tenant condition: so {@link #current()} and {@link
 * #currentForUpdate()} must run inside {@link TenantScope#asTenant}, in the caller's unit of work.
 */
@ApplicationScoped
public class FreeAgentConnections {

  /** The statuses the scheduler refreshes, as an SQL list. */
  private static final String SCHEDULED =
      Arrays.stream(ConnectionStatus.values())
          .filter(ConnectionStatus::isScheduled)
          .map(status -> "'" + status.name() + "'")
          .collect(Collectors.joining(",", "(", ")"));

  /**
   * The key FreeAgent's per-user refresh limit is counted by, in SQL: the same rule as the claim's
   * (the user's email, else the company, else the tenant).
   */
  private static final String USER_KEY =
      "COALESCE(NULLIF(LOWER(TRIM(user_email)), ''), 'company:' || company_id,"
          + " 'tenant:' || CAST(tenant_id AS VARCHAR(36)))";

  /**
   * The scheduled connections due before {@code :until}, each with its minute (0 for {@code :start}
   * and for anything already overdue) and its FreeAgent user. "(… IN …) = TRUE" keeps H2 on the
   * next_refresh_at index (as the claim query does).
   */
  private static final String DUE_BY_MINUTE_AND_USER =
      "SELECT CASE WHEN next_refresh_at < :start THEN 0"
          + " ELSE FLOOR((EXTRACT(EPOCH FROM next_refresh_at) - :startEpoch) / 60) END AS m,"
          + " "
          + USER_KEY
          + " AS u FROM freeagent_connection WHERE (status IN "
          + SCHEDULED
          + ") = TRUE AND next_refresh_at < :until";

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  /** The current tenant's connection, or empty when it has none. */
  public Optional<FreeAgentConnection> current() {
    return first(query());
  }

  /**
   * The current tenant's connection under a row lock held until the unit of work ends. Native SQL
   * naming the tenant, not the JPQL of {@link #current()}: Hibernate translates a JPQL query that
   * carries a lock mode from scratch on every execution, and every stored refresh runs this once
   * (docs/BENCHMARKS.md, "P1, the locking read"). A native query is not tenant-filtered, hence the
   * explicit tenant, taken from the unit of work.
   */
  public Optional<FreeAgentConnection> currentForUpdate() {
    UUID tenantId = TenantContext.current();
    if (tenantId == null || TenantContext.ROOT.equals(tenantId)) {
      throw new IllegalStateException("currentForUpdate() runs inside TenantScope.asTenant");
    }
    @SuppressWarnings("unchecked")
    List<FreeAgentConnection> found =
        em.createNativeQuery(
                "SELECT * FROM freeagent_connection WHERE tenant_id = :tenant FOR UPDATE",
                FreeAgentConnection.class)
            .unwrap(NativeQuery.class)
            // Auto-flush before it only what this table holds, as the JPQL query did.
            .addSynchronizedEntityClass(FreeAgentConnection.class)
            .setParameter("tenant", tenantId)
            .getResultList();
    return found.stream().findFirst();
  }

  /**
   * The given tenant's connection under a row lock, from the root context (cross-tenant callers
   * such as a delete, which must take the connection's lock before the tenant's, in the same order
   * as a refresh that stores a pair and then writes its audit row).
   */
  public Optional<FreeAgentConnection> ofTenantForUpdate(UUID tenantId) {
    return first(
        em.createQuery(
                "select c from FreeAgentConnection c where c.tenantId = :tenant",
                FreeAgentConnection.class)
            .setParameter("tenant", tenantId)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE));
  }

  /**
   * The given tenants' connections under row locks, from the root context, taken in the order of
   * the rows' ids: two callers locking overlapping sets then never wait for each other in a cycle.
   * Native SQL for the reason {@link #currentForUpdate()} gives; a tenant without a connection is
   * absent from the map.
   */
  public Map<UUID, FreeAgentConnection> ofTenantsForUpdate(Collection<UUID> tenantIds) {
    if (tenantIds.isEmpty()) {
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    List<FreeAgentConnection> found =
        em.createNativeQuery(
                "SELECT * FROM freeagent_connection WHERE tenant_id IN (:tenants)"
                    + " ORDER BY id FOR UPDATE",
                FreeAgentConnection.class)
            .unwrap(NativeQuery.class)
            .addSynchronizedEntityClass(FreeAgentConnection.class)
            .setParameterList("tenants", tenantIds)
            .getResultList();
    Map<UUID, FreeAgentConnection> byTenant = new HashMap<>();
    found.forEach(connection -> byTenant.put(connection.tenantId(), connection));
    return byTenant;
  }

  /** Adds a connection (root context: its explicit tenant id is kept). */
  public void add(FreeAgentConnection connection) {
    em.persist(connection);
  }

  /**
   * The status of each of the given tenants' connections, in one query. Cross-tenant: run it in
   * {@link TenantScope#asRoot}.
   */
  public Map<UUID, ConnectionStatus> statusesOf(Collection<UUID> tenantIds) {
    if (tenantIds.isEmpty()) {
      return Map.of();
    }
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
  }

  /**
   * Scheduled refreshes due per wall-clock minute from {@code start} (a minute boundary) until
   * {@code until}, overdue ones in minute 0, in one aggregate over the due index: per minute the
   * total, the busiest FreeAgent user's count, and how many exceed {@code perUserLimit} for their
   * user (FreeAgent's window is the wall-clock minute, as {@code UserRefreshWindow} counts).
   * Minutes without a refresh are absent. Cross-tenant: run it in {@link TenantScope#asRoot}.
   */
  public List<MinuteLoad> dueByMinute(Instant start, Instant until, int perUserLimit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        bindWindow(
                em.createNativeQuery(
                    "SELECT m, SUM(n), MAX(n), SUM(CASE WHEN n > :limit THEN n - :limit ELSE 0 END)"
                        + " FROM (SELECT m, u, COUNT(*) AS n FROM ("
                        + DUE_BY_MINUTE_AND_USER
                        + ") d GROUP BY m, u) g GROUP BY m ORDER BY m"),
                start,
                until)
            .setParameter("limit", perUserLimit)
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new MinuteLoad(
                    number(row[0]).intValue(),
                    number(row[1]).longValue(),
                    number(row[2]).longValue(),
                    number(row[3]).longValue()))
        .toList();
  }

  /**
   * The FreeAgent users behind more than one scheduled connection (one accountant connecting
   * several client companies shares one per-user refresh window), most tenants first, at most
   * {@code max} of them. Cross-tenant: run it in {@link TenantScope#asRoot}.
   */
  public List<SharedUser> usersBehindSeveralTenants(int max) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT u, COUNT(*) AS n FROM (SELECT "
                    + USER_KEY
                    + " AS u FROM freeagent_connection WHERE status IN "
                    + SCHEDULED
                    + ") d GROUP BY u HAVING COUNT(*) > 1 ORDER BY n DESC, u")
            .setMaxResults(max)
            .getResultList();
    return rows.stream()
        .map(row -> new SharedUser(row[0].toString(), number(row[1]).longValue()))
        .toList();
  }

  /**
   * How many connections are in each status, every status present (0 when none); in the root
   * context, every tenant's.
   */
  public Map<ConnectionStatus, Long> countsByStatus() {
    Map<ConnectionStatus, Long> counts = new EnumMap<>(ConnectionStatus.class);
    for (ConnectionStatus status : ConnectionStatus.values()) {
      counts.put(status, 0L);
    }
    em.createQuery(
            "select c.status, count(c) from FreeAgentConnection c group by c.status",
            Object[].class)
        .getResultList()
        .forEach(row -> counts.put((ConnectionStatus) row[0], (Long) row[1]));
    return counts;
  }

  /**
   * The earliest {@code next_refresh_at} of a scheduled connection due at {@code now}, or empty
   * when nothing is due.
   */
  public Optional<Instant> earliestDueRefresh(Instant now) {
    return Optional.ofNullable(
        em.createQuery(
                "select min(c.nextRefreshAt) from FreeAgentConnection c"
                    + " where c.status in :scheduled and c.nextRefreshAt <= :now",
                Instant.class)
            .setParameter(
                "scheduled",
                Arrays.stream(ConnectionStatus.values())
                    .filter(ConnectionStatus::isScheduled)
                    .toList())
            .setParameter("now", now)
            .getSingleResult());
  }

  /** How many FreeAgent users are behind more than one scheduled connection. */
  public long countUsersBehindSeveralTenants() {
    return number(
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM (SELECT u FROM (SELECT "
                        + USER_KEY
                        + " AS u FROM freeagent_connection WHERE status IN "
                        + SCHEDULED
                        + ") d GROUP BY u HAVING COUNT(*) > 1) s")
                .getSingleResult())
        .longValue();
  }

  /**
   * For the given FreeAgent users, their refreshes due per wall-clock minute between {@code start}
   * and {@code until} (overdue ones in minute 0), one row per user and minute with any.
   */
  public List<UserMinute> dueByMinuteOf(Collection<String> userKeys, Instant start, Instant until) {
    if (userKeys.isEmpty()) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        bindWindow(
                em.createNativeQuery(
                    "SELECT u, m, COUNT(*) FROM ("
                        + DUE_BY_MINUTE_AND_USER
                        + ") d WHERE u IN (:keys) GROUP BY u, m"),
                start,
                until)
            .setParameter("keys", List.copyOf(userKeys))
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new UserMinute(
                    row[0].toString(), number(row[1]).intValue(), number(row[2]).longValue()))
        .toList();
  }

  /**
   * How many scheduled connections hold a refresh token that expires before {@code before} (over
   * the refresh-expiry index). Cross-tenant: run it in {@link TenantScope#asRoot}.
   */
  public long refreshTokensExpiringBefore(Instant before) {
    return em.createQuery(
            "select count(c) from FreeAgentConnection c"
                + " where c.refreshExpiresAt < :before and c.status in :scheduled",
            Long.class)
        .setParameter("before", before)
        .setParameter(
            "scheduled",
            Arrays.stream(ConnectionStatus.values()).filter(ConnectionStatus::isScheduled).toList())
        .getSingleResult();
  }

  private static jakarta.persistence.Query bindWindow(
      jakarta.persistence.Query query, Instant start, Instant until) {
    return query
        .setParameter("start", start.atOffset(ZoneOffset.UTC))
        .setParameter("startEpoch", start.getEpochSecond())
        .setParameter("until", until.atOffset(ZoneOffset.UTC));
  }

  private static Number number(Object value) {
    return (Number) value;
  }

  /**
   * Refreshes due in one wall-clock minute.
   *
   * @param minute minutes after the window's start (0 also holds the overdue ones)
   * @param due refreshes due in it
   * @param busiestUser the most any one FreeAgent user has due in it
   * @param overLimit refreshes beyond the per-user limit, summed over its users: these wait for a
   *     later minute
   */
  public record MinuteLoad(int minute, long due, long busiestUser, long overLimit) {}

  /** A FreeAgent user (email, else company) and how many scheduled connections it is behind. */
  public record SharedUser(String userKey, long tenants) {}

  /** One FreeAgent user's refreshes due in one minute after the window's start. */
  public record UserMinute(String userKey, int minute, long due) {}

  private TypedQuery<FreeAgentConnection> query() {
    return em.createQuery("select c from FreeAgentConnection c", FreeAgentConnection.class);
  }

  private static Optional<FreeAgentConnection> first(TypedQuery<FreeAgentConnection> query) {
    return query.getResultStream().findFirst();
  }
}
