package io.tokenwarden.interfaces.api;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import io.tokenwarden.application.webhooks.DeliveryView;
import io.tokenwarden.application.webhooks.EndpointView;
import io.tokenwarden.application.webhooks.IssuedEndpointSecret;
import io.tokenwarden.application.webhooks.WebhookEndpointException;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The admin API's JSON for webhook endpoints and deliveries, and the reading of their request
 * bodies. An endpoint's secret appears only in the answer that made it ({@link #issued}).
 */
final class WebhookJson {

  private WebhookJson() {}

  static JsonObjectBuilder endpoint(EndpointView e) {
    JsonArrayBuilder types = JSON.createArrayBuilder();
    e.eventTypes().forEach(types::add);
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", e.id().toString())
            .add("url", e.url())
            .add("description", e.description())
            .add("enabled", e.enabled())
            .add("eventTypes", types)
            .add("createdAt", e.createdAt().toString())
            .add("updatedAt", e.updatedAt().toString());
    time(json, "previousSecretUntil", e.previousSecretUntil());
    return json;
  }

  /** The endpoint with its new secret: the one answer that shows it. */
  static String issued(IssuedEndpointSecret issued) {
    return endpoint(issued.endpoint()).add("secret", issued.secret()).build().toString();
  }

  static JsonObjectBuilder delivery(DeliveryView d) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", d.id().toString())
            .add("eventId", d.eventId().toString())
            .add("eventType", d.eventType())
            .add("endpointId", d.endpointId().toString())
            .add("status", d.status().name())
            .add("attempts", d.attempts())
            .add("createdAt", d.createdAt().toString());
    if (d.tenantId() != null) {
      json.add("tenantId", d.tenantId().toString());
    }
    time(json, "nextAttemptAt", d.nextAttemptAt());
    time(json, "lastAttemptAt", d.lastAttemptAt());
    if (d.lastHttpStatus() != null) {
      json.add("lastHttpStatus", d.lastHttpStatus());
    }
    if (d.lastDurationMillis() != null) {
      json.add("lastDurationMs", d.lastDurationMillis());
    }
    if (d.lastError() != null) {
      json.add("lastError", d.lastError());
    }
    time(json, "deliveredAt", d.deliveredAt());
    return json;
  }

  static String page(int offset, int limit, List<DeliveryView> deliveries) {
    JsonArrayBuilder items = JSON.createArrayBuilder();
    deliveries.forEach(d -> items.add(delivery(d)));
    return JSON.createObjectBuilder()
        .add("offset", offset)
        .add("limit", limit)
        .add("items", items)
        .build()
        .toString();
  }

  /** A list of strings, or null when the member is absent or null. */
  static List<String> strings(JsonObject body, String field) {
    JsonValue value = body.get(field);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value instanceof JsonArray array) {
      List<String> strings = new ArrayList<>();
      for (JsonValue item : array) {
        if (!(item instanceof JsonString string)) {
          throw FieldProblem.of(field, "'" + field + "' must be an array of strings.");
        }
        strings.add(string.getString());
      }
      return strings;
    }
    throw FieldProblem.of(field, "'" + field + "' must be an array of strings.");
  }

  /** A boolean, or null when the member is absent or null. */
  static Boolean flag(JsonObject body, String field) {
    JsonValue value = body.get(field);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value == JsonValue.TRUE;
    }
    throw FieldProblem.of(field, "'" + field + "' must be true or false.");
  }

  /** A path id, or a 404 when it is no UUID (there is no such thing to find). */
  static UUID id(String text, String what) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw notFound(what);
    }
  }

  /** Runs a management call, turning its refusals into problems: 400 naming a field, or 404. */
  static <T> T guarded(Supplier<T> call) {
    try {
      return call.get();
    } catch (WebhookEndpointException e) {
      if (e.field() == null) {
        throw new ProblemException(ProblemType.WEBHOOK_ENDPOINT_NOT_FOUND, e.getMessage());
      }
      throw FieldProblem.of(e.field(), e.getMessage());
    }
  }

  static ProblemException notFound(String what) {
    ProblemType type =
        WebhooksResource.DELIVERY.equals(what)
            ? ProblemType.WEBHOOK_DELIVERY_NOT_FOUND
            : ProblemType.WEBHOOK_ENDPOINT_NOT_FOUND;
    return new ProblemException(type, "No such " + what + " exists.");
  }

  private static void time(JsonObjectBuilder json, String name, Instant value) {
    if (value != null) {
      json.add(name, value.toString());
    }
  }
}
