package io.tokenwarden.application.webhooks;

import io.tokenwarden.application.refresh.SqlValues;
import io.tokenwarden.domain.WebhookDeliveryStatus;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery rows of the outbox: claimed with a lease in one short transaction ({@code FOR UPDATE
 * SKIP LOCKED}, as refreshes are, on PostgreSQL and H2), finished under the claim that took them,
 * listed for the console and the API, and put back for redelivery. Claims keep each tenant's order
 * per endpoint: a delivery is claimable only while no earlier delivery of its stream to its
 * endpoint is still open ({@link #NOTHING_EARLIER_OPEN}). Leases are in the database's time, like
 * the refresh leases; due times in the application clock, like {@code next_refresh_at}. All queries
 * are fleet-wide by design (the outbox belongs to no tenant).
 */
@ApplicationScoped
public class WebhookDeliveries {

  /** The open statuses, as SQL. */
  static final String OPEN =
      "('" + WebhookDeliveryStatus.PENDING + "','" + WebhookDeliveryStatus.FAILED + "')";

  /**
   * The ordering rule: no delivery of the same stream (tenant) to the same endpoint with a lower
   * sequence is still open. A dead delivery no longer holds its stream back.
   */
  static final String NOTHING_EARLIER_OPEN =
      " AND NOT EXISTS (SELECT 1 FROM webhook_delivery p WHERE p.endpoint_id = d.endpoint_id"
          + " AND p.stream_key = d.stream_key AND p.sequence < d.sequence AND p.status IN "
          + OPEN
          + ")";

  private static final String VIEW_COLUMNS =
      "SELECT d.id, d.event_id, e.event_type, e.tenant_id, d.endpoint_id, w.url, d.status,"
          + " d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_http_status,"
          + " d.last_duration_ms, d.last_error, d.delivered_at, d.created_at"
          + " FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id"
          + " JOIN webhook_endpoint w ON w.id = d.endpoint_id";

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  @Inject NodeIdentity node;

  /**
   * Claims up to {@code limit} due deliveries of enabled endpoints, oldest event first, each under
   * a fresh claim id and a lease of {@code lease} in database time.
   */
  List<ClaimedDelivery> claimDue(int limit, Instant now, Duration lease) {
    return scope.asRoot(
        () -> {
          Instant databaseNow = databaseNow();
          @SuppressWarnings("unchecked")
          List<Object[]> rows =
              em.createNativeQuery(
                      "SELECT d.id, d.endpoint_id, d.event_id, d.attempts FROM webhook_delivery d"
                          + " WHERE d.status IN "
                          + OPEN
                          + " AND d.next_attempt_at <= :now"
                          + " AND (d.lease_expires_at IS NULL OR d.lease_expires_at < :databaseNow)"
                          + " AND EXISTS (SELECT 1 FROM webhook_endpoint w"
                          + " WHERE w.id = d.endpoint_id AND w.enabled = TRUE)"
                          + NOTHING_EARLIER_OPEN
                          + " ORDER BY d.sequence LIMIT :limit FOR UPDATE SKIP LOCKED")
                  .setParameter("now", at(now))
                  .setParameter("databaseNow", at(databaseNow))
                  .setParameter("limit", limit)
                  .getResultList();
          List<ClaimedDelivery> claimed = new ArrayList<>();
          for (Object[] row : rows) {
            UUID id = SqlValues.uuid(row[0]);
            UUID claim = UUID.randomUUID();
            em.createNativeQuery(
                    "UPDATE webhook_delivery SET lease_owner = :owner, lease_expires_at = :until,"
                        + " lease_claim = :claim WHERE id = :id")
                .setParameter("owner", node.name())
                .setParameter("until", at(databaseNow.plus(lease)))
                .setParameter("claim", claim)
                .setParameter("id", id)
                .executeUpdate();
            Object[] target =
                (Object[])
                    em.createNativeQuery(
                            "SELECT w.url, w.secret_ciphertext, w.previous_secret_ciphertext,"
                                + " w.previous_secret_expires_at, e.payload"
                                + " FROM webhook_endpoint w, webhook_event e"
                                + " WHERE w.id = :endpoint AND e.id = :event")
                        .setParameter("endpoint", SqlValues.uuid(row[1]))
                        .setParameter("event", SqlValues.uuid(row[2]))
                        .getSingleResult();
            Instant previousUntil = SqlValues.instant(target[3]);
            boolean previousSigns = previousUntil != null && previousUntil.isAfter(now);
            claimed.add(
                new ClaimedDelivery(
                    id,
                    claim,
                    SqlValues.uuid(row[1]),
                    target[0].toString(),
                    target[1].toString(),
                    previousSigns && target[2] != null ? target[2].toString() : null,
                    SqlValues.uuid(row[2]),
                    target[4].toString(),
                    (int) SqlValues.number(row[3])));
          }
          return claimed;
        });
  }

  /**
   * Records an attempt's outcome and gives the lease back, if the claim still holds it (a claim
   * whose lease ran out and was taken over changes nothing: the newer claim records its own).
   *
   * @return whether the outcome was recorded
   */
  boolean finish(
      ClaimedDelivery claim,
      WebhookDeliveryStatus status,
      Instant attemptedAt,
      Instant nextAttemptAt,
      Integer httpStatus,
      Duration took,
      String error) {
    String errorText = error == null ? null : truncate(error, 300);
    Instant deliveredAt = status == WebhookDeliveryStatus.DELIVERED ? attemptedAt : null;
    return scope.asRoot(
        () -> {
          // Absent values are written as NULL literals: a null parameter has no SQL type.
          Query update =
              em.createNativeQuery(
                  "UPDATE webhook_delivery SET status = :status, attempts = attempts + 1,"
                      + " last_attempt_at = :at, last_duration_ms = :ms,"
                      + assign("next_attempt_at", "next", nextAttemptAt)
                      + assign("last_http_status", "http", httpStatus)
                      + assign("last_error", "error", errorText)
                      + assign("delivered_at", "delivered", deliveredAt)
                      + " lease_owner = NULL, lease_expires_at = NULL, lease_claim = NULL"
                      + " WHERE id = :id AND lease_claim = :claim");
          bind(update, "next", nextAttemptAt == null ? null : at(nextAttemptAt));
          bind(update, "http", httpStatus);
          bind(update, "error", errorText);
          bind(update, "delivered", deliveredAt == null ? null : at(deliveredAt));
          return update
                  .setParameter("status", status.name())
                  .setParameter("at", at(attemptedAt))
                  .setParameter("ms", took.toMillis())
                  .setParameter("id", claim.deliveryId())
                  .setParameter("claim", claim.claimId())
                  .executeUpdate()
              > 0;
        });
  }

  private static String assign(String column, String parameter, Object value) {
    return " " + column + " = " + (value == null ? "NULL" : ":" + parameter) + ",";
  }

  private static void bind(Query query, String parameter, Object value) {
    if (value != null) {
      query.setParameter(parameter, value);
    }
  }

  /**
   * Puts a delivery back to PENDING, due now, with a fresh attempt count (the retry schedule starts
   * over); its last outcome stays visible until the next attempt. A delivery in flight keeps its
   * lease. The webhook-id stays the event's, so a receiver that already has it can tell.
   *
   * @return false when no such delivery exists
   */
  public boolean redeliver(UUID deliveryId, Instant now) {
    return scope.asRoot(
        () ->
            em.createNativeQuery(
                        "UPDATE webhook_delivery SET status = :pending, attempts = 0,"
                            + " next_attempt_at = :now WHERE id = :id")
                    .setParameter("pending", WebhookDeliveryStatus.PENDING.name())
                    .setParameter("now", at(now))
                    .setParameter("id", deliveryId)
                    .executeUpdate()
                > 0);
  }

  /** One delivery, or empty. */
  public Optional<DeliveryView> find(UUID deliveryId) {
    return page(" WHERE d.id = :id", "id", deliveryId, 0, 1).stream().findFirst();
  }

  /** A page of a tenant's deliveries (to every endpoint), newest event first. */
  public List<DeliveryView> forTenant(UUID tenantId, int offset, int limit) {
    return page(" WHERE e.tenant_id = :key", "key", tenantId, offset, limit);
  }

  /** A page of an endpoint's deliveries (every tenant and the provider), newest event first. */
  public List<DeliveryView> forEndpoint(UUID endpointId, int offset, int limit) {
    return page(" WHERE d.endpoint_id = :key", "key", endpointId, offset, limit);
  }

  /** How many deliveries are still open (the outbox depth). */
  public long openCount() {
    return scope.asRoot(
        () ->
            SqlValues.number(
                em.createNativeQuery(
                        "SELECT COUNT(*) FROM webhook_delivery WHERE status IN " + OPEN)
                    .getSingleResult()));
  }

  /**
   * Deletes events created before {@code before} whose deliveries are all closed (delivered or
   * dead), with those deliveries; returns the events deleted. Bounded per call (maintenance).
   */
  public int pruneClosed(Instant before, int batch) {
    return scope.asRoot(
        () -> {
          @SuppressWarnings("unchecked")
          List<Object> ids =
              em.createNativeQuery(
                      "SELECT e.id FROM webhook_event e WHERE e.created_at < :before"
                          + " AND NOT EXISTS (SELECT 1 FROM webhook_delivery d"
                          + " WHERE d.event_id = e.id AND d.status IN "
                          + OPEN
                          + ")")
                  .setParameter("before", at(before))
                  .setMaxResults(batch)
                  .getResultList();
          if (ids.isEmpty()) {
            return 0;
          }
          List<UUID> events = ids.stream().map(SqlValues::uuid).toList();
          em.createNativeQuery("DELETE FROM webhook_delivery WHERE event_id IN (:ids)")
              .setParameter("ids", events)
              .executeUpdate();
          return em.createNativeQuery("DELETE FROM webhook_event WHERE id IN (:ids)")
              .setParameter("ids", events)
              .executeUpdate();
        });
  }

  private List<DeliveryView> page(String where, String name, UUID key, int offset, int limit) {
    return scope.asRoot(
        () -> {
          Query query =
              em.createNativeQuery(VIEW_COLUMNS + where + " ORDER BY d.sequence DESC, w.url")
                  .setParameter(name, key)
                  .setFirstResult(offset)
                  .setMaxResults(limit);
          @SuppressWarnings("unchecked")
          List<Object[]> rows = query.getResultList();
          return rows.stream().map(WebhookDeliveries::view).toList();
        });
  }

  private static DeliveryView view(Object[] row) {
    return new DeliveryView(
        SqlValues.uuid(row[0]),
        SqlValues.uuid(row[1]),
        row[2].toString(),
        SqlValues.uuid(row[3]),
        SqlValues.uuid(row[4]),
        row[5].toString(),
        WebhookDeliveryStatus.valueOf(row[6].toString()),
        (int) SqlValues.number(row[7]),
        SqlValues.instant(row[8]),
        SqlValues.instant(row[9]),
        row[10] == null ? null : (int) SqlValues.number(row[10]),
        row[11] == null ? null : SqlValues.number(row[11]),
        row[12] == null ? null : row[12].toString(),
        SqlValues.instant(row[13]),
        SqlValues.instant(row[14]));
  }

  private Instant databaseNow() {
    return SqlValues.instant(em.createNativeQuery("SELECT CURRENT_TIMESTAMP").getSingleResult());
  }

  static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
