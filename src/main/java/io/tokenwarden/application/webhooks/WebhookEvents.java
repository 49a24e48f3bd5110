package io.tokenwarden.application.webhooks;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import io.tokenwarden.application.refresh.SqlValues;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.EventTypeFilter;
import io.tokenwarden.domain.NeedsReconnectReason;
import io.tokenwarden.domain.WebhookDeliveryStatus;
import io.tokenwarden.domain.WebhookEventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Writes webhook events to the outbox. Every method runs in the caller's transaction, the one that
 * makes the state change the event announces, so the event commits with the change or not at all: a
 * node that dies loses neither, and a rolled-back change invents no event (ADR 0052). The event is
 * fanned out to a delivery row per enabled endpoint whose filter wants it; with none, nothing is
 * written. Payloads are built from named facts only ({@link WebhookPayload}).
 */
@ApplicationScoped
public class WebhookEvents {

  /** The stream of the provider-wide events: one ordered stream for the fleet. */
  static final String PROVIDER_STREAM = "provider";

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject Clock clock;

  /** A first connection ({@code connection.connected}) or a reconnect. */
  public void connected(UUID tenantId, boolean reconnect, boolean companyChanged) {
    JsonObjectBuilder data = tenantData(tenantId, ConnectionStatus.CONNECTED);
    if (reconnect) {
      data.add("company_changed", companyChanged);
    }
    record(
        reconnect ? WebhookEventType.CONNECTION_RECONNECTED : WebhookEventType.CONNECTION_CONNECTED,
        tenantId,
        data);
  }

  /** The connection needs a reconnect link, and why. */
  public void needsReconnect(UUID tenantId, NeedsReconnectReason reason) {
    record(
        WebhookEventType.CONNECTION_NEEDS_RECONNECT,
        tenantId,
        tenantData(tenantId, ConnectionStatus.NEEDS_RECONNECT).add("reason", reason.wireName()));
  }

  /** A refresh succeeded after the connection was failing, throttled or marked broken. */
  public void recovered(UUID tenantId, ConnectionStatus previous) {
    record(
        WebhookEventType.CONNECTION_RECOVERED,
        tenantId,
        tenantData(tenantId, ConnectionStatus.CONNECTED).add("previous_status", previous.name()));
  }

  /** Refreshing failed {@code failures} times in a row (sent once per streak). */
  public void refreshFailing(UUID tenantId, int failures, String lastErrorCode) {
    JsonObjectBuilder data =
        tenantData(tenantId, ConnectionStatus.REFRESH_FAILING)
            .add("consecutive_failures", failures);
    if (lastErrorCode != null) {
      data.add("last_error_code", lastErrorCode);
    }
    record(WebhookEventType.CONNECTION_REFRESH_FAILING, tenantId, data);
  }

  /** The refresh token expires at {@code expiresAt}; a reconnect link should go out before. */
  public void refreshTokenExpiring(UUID tenantId, ConnectionStatus status, Instant expiresAt) {
    record(
        WebhookEventType.CONNECTION_REFRESH_TOKEN_EXPIRING,
        tenantId,
        tenantData(tenantId, status).add("refresh_token_expires_at", expiresAt.toString()));
  }

  /** FreeAgent throttles many users at once: refreshing pauses fleet-wide until {@code until}. */
  public void providerThrottled(Instant until) {
    record(
        WebhookEventType.PROVIDER_THROTTLED,
        null,
        providerData().add("paused_until", until.toString()));
  }

  /** The provider-wide pause is over; refreshing resumes, most urgent first. */
  public void providerResumed() {
    record(WebhookEventType.PROVIDER_RESUMED, null, providerData());
  }

  /** FreeAgent rejected Token Warden's client credentials; refreshing is paused for everyone. */
  public void providerCredentialsRejected() {
    record(WebhookEventType.PROVIDER_CREDENTIALS_REJECTED, null, providerData());
  }

  private void record(WebhookEventType type, UUID tenantId, JsonObjectBuilder data) {
    // The state change's rows are written (and locked) first: the event's sequence is taken
    // after the lock, so within a tenant's stream it follows the commit order.
    em.flush();
    List<UUID> endpoints = endpointsWanting(type);
    if (endpoints.isEmpty()) {
      return;
    }
    UUID id = UUID.randomUUID();
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    String stream = tenantId == null ? PROVIDER_STREAM : tenantId.toString();
    // Outbox rows belong to no tenant's persistence filter: they are read fleet-wide by delivery.
    // A provider event has no tenant: NULL as a literal, since a null parameter has no SQL type.
    jakarta.persistence.Query insert =
        em.createNativeQuery(
            "INSERT INTO webhook_event (id, event_type, tenant_id, stream_key, payload, created_at)"
                + " VALUES (:id, :type, "
                + (tenantId == null ? "NULL" : ":tenant")
                + ", :stream, :payload, :now)");
    if (tenantId != null) {
      insert.setParameter("tenant", tenantId);
    }
    insert
        .setParameter("id", id)
        .setParameter("type", type.wireName())
        .setParameter("stream", stream)
        .setParameter("payload", WebhookPayload.of(type, now.toInstant(), data.build()))
        .setParameter("now", now)
        .executeUpdate();
    long sequence =
        SqlValues.number(
            em.createNativeQuery("SELECT sequence FROM webhook_event WHERE id = :id")
                .setParameter("id", id)
                .getSingleResult());
    for (UUID endpoint : endpoints) {
      em.createNativeQuery(
              "INSERT INTO webhook_delivery (id, event_id, endpoint_id, stream_key, sequence,"
                  + " status, attempts, next_attempt_at, created_at)"
                  + " VALUES (:id, :event, :endpoint, :stream, :sequence, :status, 0, :now, :now)")
          .setParameter("id", UUID.randomUUID())
          .setParameter("event", id)
          .setParameter("endpoint", endpoint)
          .setParameter("stream", stream)
          .setParameter("sequence", sequence)
          .setParameter("status", WebhookDeliveryStatus.PENDING.name())
          .setParameter("now", now)
          .executeUpdate();
    }
  }

  private List<UUID> endpointsWanting(WebhookEventType type) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("SELECT id, event_types FROM webhook_endpoint WHERE enabled = TRUE")
            .getResultList();
    return rows.stream()
        .filter(row -> EventTypeFilter.fromStored((String) row[1]).matches(type))
        .map(row -> SqlValues.uuid(row[0]))
        .toList();
  }

  private JsonObjectBuilder tenantData(UUID tenantId, ConnectionStatus status) {
    JsonObjectBuilder data = JSON.createObjectBuilder().add("tenant_id", tenantId.toString());
    @SuppressWarnings("unchecked")
    List<Object> slugs =
        em.createNativeQuery("SELECT slug FROM tenant WHERE id = :id")
            .setParameter("id", tenantId)
            .getResultList();
    if (!slugs.isEmpty()) {
      data.add("tenant_slug", slugs.get(0).toString());
    }
    return data.add("status", status.name());
  }

  private static JsonObjectBuilder providerData() {
    return JSON.createObjectBuilder().add("provider", "freeagent");
  }
}
