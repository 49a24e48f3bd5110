package io.tokenwarden.application.webhooks;

import io.tokenwarden.domain.WebhookDeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code tokenwarden.webhook.deliveries{outcome}}: delivery attempts by outcome ({@code delivered},
 * {@code failed} = retried later, {@code dead}). The tag is the bounded status enum; never an
 * endpoint, tenant or event. The outbox depth gauge is in {@code OperationsGauges}.
 */
@ApplicationScoped
public class WebhookMetrics {

  @Inject MetricRegistry registry;

  void attempted(WebhookDeliveryStatus outcome) {
    registry
        .counter(
            "tokenwarden.webhook.deliveries",
            new Tag("outcome", outcome.name().toLowerCase(Locale.ROOT)))
        .inc();
  }
}
