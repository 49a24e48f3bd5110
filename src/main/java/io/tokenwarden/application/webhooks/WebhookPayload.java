package io.tokenwarden.application.webhooks;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import io.tokenwarden.domain.WebhookEventType;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * The body of a webhook, in the Standard Webhooks shape: {@code {"type", "timestamp", "data"}}. The
 * data is built by {@link WebhookEvents} from named, typed facts only (ids, slug, status, reason,
 * counts, times), never from an entity or a free-form message, so no token, secret or provider
 * error text can reach a payload.
 */
final class WebhookPayload {

  private WebhookPayload() {}

  static String of(WebhookEventType type, Instant at, JsonObject data) {
    return JSON.createObjectBuilder()
        .add("type", type.wireName())
        .add("timestamp", at.toString())
        .add("data", data)
        .build()
        .toString();
  }
}
