package io.tokenwarden.fleet;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The emulator-only server's control API, from the test JVM: settings (rotation mode, grace,
 * faults, limits), users, grants minted without a browser, and the counters the suite asserts with.
 */
final class Emulator {

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  Emulator(String emulatorUrl) {
    this.base = emulatorUrl + "/emulator/control";
  }

  /** Users, tokens, counters, settings and faults back to the configured start. */
  void reset() {
    send("POST", "/reset", "");
  }

  void configure(String settingsJson) {
    send("PUT", "/settings", settingsJson);
  }

  /** Creates {@code count} users; returns the first id (the ids are a range). */
  long createUsers(int count, String prefix) {
    String body =
        Json.createObjectBuilder()
            .add("count", count)
            .add("emailPrefix", prefix)
            .build()
            .toString();
    return send("POST", "/users/bulk", body).getJsonNumber("firstId").longValue();
  }

  /** A new grant for the user, as the token endpoint answers it. */
  JsonObject mintGrant(long userId) {
    return send("POST", "/users/" + userId + "/grants", "");
  }

  /** {@code total} and {@code users} (by id) counters. */
  JsonObject counters() {
    return send("GET", "/counters", null);
  }

  long total(String counter) {
    return counters().getJsonObject("total").getJsonNumber(counter).longValue();
  }

  private JsonObject send(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("X-Emulator-Secret", Fleet.CONTROL_SECRET)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
        return reader.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
