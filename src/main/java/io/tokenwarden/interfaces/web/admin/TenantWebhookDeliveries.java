package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.webhooks.DeliveryView;
import io.tokenwarden.application.webhooks.WebhookDeliveries;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The "Webhook deliveries" card of the tenant page: the tenant's newest deliveries (event,
 * endpoint, status, attempts, last answer and duration) with a Redeliver button. A bean of its own
 * beside {@code TenantPage}, read once per view for the tenant that page shows.
 */
@Named
@ViewScoped
public class TenantWebhookDeliveries implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The card shows the newest deliveries; the API pages through all of them. */
  static final int SHOWN = 50;

  @Inject WebhookDeliveries deliveries;

  @Inject Clock clock;

  private UUID tenantId;
  private List<DeliveryView> list;

  /** The tenant's newest deliveries, read once per view (and again after a redeliver). */
  public List<DeliveryView> of(UUID tenant) {
    if (tenant == null) {
      return List.of();
    }
    if (list == null || !tenant.equals(tenantId)) {
      tenantId = tenant;
      list = deliveries.forTenant(tenant, 0, SHOWN);
    }
    return list;
  }

  /** Puts the delivery back to PENDING, due now; it goes after any earlier open one. */
  @AdminOnly
  public void redeliver(DeliveryView delivery) {
    if (deliveries.redeliver(delivery.id(), clock.instant())) {
      Feedback.done("Delivery queued again; it is sent within a few seconds.");
    } else {
      Feedback.problem("That delivery no longer exists.");
    }
    list = null;
  }

  /** Drops what was read, so the next render reads the deliveries again. */
  public void reload() {
    list = null;
  }
}
