package io.tokenwarden.emulator;

import static io.tokenwarden.emulator.EmulatorJsonp.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.DateTimeException;
import java.util.function.Supplier;

/**
 * Shared plumbing of the control resources: JSON in, JSON out, and a 400 with the reason for a
 * request the emulator cannot apply (a test author should see their mistake, not a 500).
 */
final class ControlResponses {

  private ControlResponses() {}

  static JsonObject parse(String body) {
    if (body == null || body.isBlank()) {
      return JsonObject.EMPTY_JSON_OBJECT;
    }
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  static Response ok(Object json) {
    return json(Response.Status.OK, json);
  }

  static Response json(Response.Status status, Object json) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(json.toString())
        .header("Cache-Control", "no-store")
        .build();
  }

  static Response notFound(String message) {
    return json(Response.Status.NOT_FOUND, ControlJson.error(message));
  }

  /** Runs the action and turns a bad request into a 400 that names the problem. */
  static Response guarded(Supplier<Response> action) {
    try {
      return action.get();
    } catch (IllegalArgumentException
        | JsonException
        | ClassCastException
        | NullPointerException
        | ArithmeticException
        | DateTimeException e) {
      return json(
          Response.Status.BAD_REQUEST,
          ControlJson.error(
              "Bad control request: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }
}
