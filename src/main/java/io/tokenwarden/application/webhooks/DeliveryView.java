package io.tokenwarden.application.webhooks;

import io.tokenwarden.domain.WebhookDeliveryStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * One delivery as the console and the API show it: which event to which endpoint, where it stands
 * and how the last attempt went. Never a secret; the URL is shown to administrators only.
 */
public record DeliveryView(
    UUID id,
    UUID eventId,
    String eventType,
    UUID tenantId,
    UUID endpointId,
    String endpointUrl,
    WebhookDeliveryStatus status,
    int attempts,
    Instant nextAttemptAt,
    Instant lastAttemptAt,
    Integer lastHttpStatus,
    Long lastDurationMillis,
    String lastError,
    Instant deliveredAt,
    Instant createdAt) {}
