package io.tokenwarden.it.connect;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;

/** Parses JSON answers in the ITs (JSON-P through parsson). */
final class Json {

  private Json() {}

  static JsonObject parse(String body) {
    try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }
}
