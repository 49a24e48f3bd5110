package io.tokenwarden.it.refresh;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The emulator's control API as the refresh ITs use it (in the server, over loopback): settings,
 * users, grants, counters. Everything the tests change is restored by {@link #restore}.
 */
public final class EmulatorControl {

  private static final String SECRET = "it-control-secret";
  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public EmulatorControl(String publicUrl) {
    this.base = publicUrl + "/emulator/control";
  }

  public JsonObject settings() {
    return send("GET", "/settings", null);
  }

  public JsonObject configure(String json) {
    return send("PUT", "/settings", json);
  }

  public void restore(JsonObject settings) {
    configure(settings.toString());
  }

  /** Creates {@code count} users, each owning a company; returns the first id (ids are a range). */
  public long createUsers(int count, String prefix) {
    JsonObject created =
        send(
            "POST",
            "/users/bulk",
            Json.createObjectBuilder()
                .add("count", count)
                .add("emailPrefix", prefix)
                .build()
                .toString());
    return created.getJsonNumber("firstId").longValue();
  }

  /**
   * Moves the emulator's clock forward (by less than a minute) so that one of its minute windows
   * opens at {@code when}, on this machine's clock. FreeAgent's per-minute limits reset on the
   * wall-clock minute, and other tests move the emulator's clock by arbitrary amounts; a test whose
   * traffic must meet a limit early in a window (so the {@code Retry-After} is long, not one
   * second) places the window here instead of depending on the time of day it runs.
   */
  public void openMinuteWindowAt(Instant when) {
    Instant emulatorNow = Instant.parse(send("GET", "/clock", null).getString("now"));
    long emulatorMillisAtWhen =
        emulatorNow.toEpochMilli() + Duration.between(Instant.now(), when).toMillis();
    long forward = Math.floorMod(-emulatorMillisAtWhen, 60_000L);
    send("POST", "/clock", "{\"advanceSeconds\":" + forward / 1000.0 + "}");
  }

  public JsonObject user(long id) {
    return send("GET", "/users/" + id, null);
  }

  /** A new grant for the user: the token endpoint's JSON. */
  public JsonObject mintGrant(long userId) {
    return send("POST", "/users/" + userId + "/grants", "");
  }

  public void revokeGrants(long userId) {
    send("DELETE", "/users/" + userId + "/grants", null);
  }

  public JsonObject counters(long userId) {
    return send("GET", "/users/" + userId + "/counters", null);
  }

  public long counter(long userId, String name) {
    JsonObject counters = counters(userId);
    return counters.containsKey(name) ? counters.getJsonNumber(name).longValue() : 0;
  }

  public JsonObject totals() {
    return send("GET", "/counters", null).getJsonObject("total");
  }

  private JsonObject send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("X-Emulator-Secret", SECRET)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + " -> " + response.statusCode() + " " + response.body());
      }
      try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
        return reader.readObject();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
