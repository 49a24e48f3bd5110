package io.tokenwarden.domain;

/**
 * Where one event's delivery to one endpoint stands. PENDING and FAILED are open: a later event of
 * the same tenant waits for them (ordering per tenant and endpoint); DELIVERED and DEAD are closed.
 */
public enum WebhookDeliveryStatus {
  /** Not attempted yet, or a redelivery was asked for. */
  PENDING,
  /** An attempt failed; the next one is due at {@code next_attempt_at}. */
  FAILED,
  /** The endpoint answered 2xx. */
  DELIVERED,
  /** Every attempt of the retry schedule failed: dead-lettered until someone redelivers it. */
  DEAD;

  /** Whether the delivery still holds back later events of its tenant for its endpoint. */
  public boolean isOpen() {
    return this == PENDING || this == FAILED;
  }
}
