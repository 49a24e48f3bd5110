package io.tokenwarden.application.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.WebhookEventType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

  /** The Standard Webhooks shape: type, timestamp, data, and nothing else at the top. */
  @Test
  void hasTheStandardWebhooksShape() {
    String body =
        WebhookPayload.of(
            WebhookEventType.CONNECTION_NEEDS_RECONNECT,
            Instant.parse("2026-12-06T12:00:00Z"),
            Json.createObjectBuilder().add("tenant_id", "t").add("reason", "revoked").build());

    JsonObject json = Json.createReader(new StringReader(body)).readObject();
    assertThat(json.keySet()).containsExactly("type", "timestamp", "data");
    assertThat(json.getString("type")).isEqualTo("connection.needs_reconnect");
    assertThat(json.getString("timestamp")).isEqualTo("2026-12-06T12:00:00Z");
    assertThat(json.getJsonObject("data").getString("reason")).isEqualTo("revoked");
  }

  /**
   * Payloads are built from typed facts only: no public method of the recorder takes an entity,
   * token grant or free text, so no token, secret or provider message can reach a payload. The one
   * string allowed is the refresh-failing event's error code (a code such as {@code http_503}).
   */
  @Test
  void recorderAcceptsNoFreeTextOrEntities() {
    Map<Class<?>, Boolean> allowed =
        Map.of(
            java.util.UUID.class, true,
            boolean.class, true,
            int.class, true,
            Instant.class, true,
            io.tokenwarden.domain.ConnectionStatus.class, true,
            io.tokenwarden.domain.NeedsReconnectReason.class, true);
    for (Method method : WebhookEvents.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(method.getModifiers())) {
        continue;
      }
      long strings =
          Arrays.stream(method.getParameterTypes()).filter(t -> t == String.class).count();
      assertThat(strings)
          .as(method.getName())
          .isEqualTo(method.getName().equals("refreshFailing") ? 1 : 0);
      assertThat(method.getParameterTypes())
          .as(method.getName())
          .allMatch(t -> t == String.class || allowed.containsKey(t));
    }
  }
}
