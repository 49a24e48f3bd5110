package io.tokenwarden.interfaces.api;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * Reads request bodies with JSON-P, so a bad body gets a 400 problem that names the field instead
 * of a binding error. An empty body counts as an empty object.
 */
final class JsonBodies {

  private JsonBodies() {}

  static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      if (value instanceof JsonObject object) {
        return object;
      }
    } catch (JsonException e) {
      // falls through to the problem below
    }
    throw FieldProblem.of(null, "The request body must be a JSON object.");
  }

  /** A string member, or null when absent or null. */
  static String text(JsonObject object, String field) {
    JsonValue value = object.get(field);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value instanceof JsonString string) {
      return string.getString();
    }
    throw FieldProblem.of(field, "'" + field + "' must be a string.");
  }
}
