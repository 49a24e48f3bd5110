package io.tokenwarden.bench;

import static org.awaitility.Awaitility.await;

import io.tokenwarden.it.ItSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The benches' calls that are not the thing measured: the in-server probe ({@link BenchProbe}) and
 * the emulator's control API. HTTP/1.1 forced: the JDK client's h2c upgrade hangs POSTs against
 * Liberty.
 */
final class BenchClient {

  private static final String CONTROL_SECRET = "it-control-secret";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** {@code POST /bench-probe/<operation>?<query>}: may run for minutes (seeding, loops). */
  JsonObject probe(String operationAndQuery) {
    return send(
        HttpRequest.newBuilder(
                URI.create(ItSettings.baseUrl() + "/bench-probe/" + operationAndQuery))
            .timeout(Duration.ofMinutes(15))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  JsonObject control(String method, String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(ItSettings.baseUrl() + "/emulator/control" + path))
            .timeout(Duration.ofMinutes(2))
            .header("X-Emulator-Secret", CONTROL_SECRET)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * Connects {@code count} tenants {@code <prefix>-<i>}, each to a fresh emulator user through a
   * minted grant ({@code BenchProbe} "seed-connected", whose answer this returns).
   */
  JsonObject seedConnectedTenants(String prefix, int count) {
    long firstUser =
        control(
                "POST",
                "/users/bulk",
                "{\"count\":" + count + ",\"emailPrefix\":\"" + prefix + "\"}")
            .getJsonNumber("firstId")
            .longValue();
    return probe("seed-connected?prefix=" + prefix + "&firstUser=" + firstUser + "&count=" + count);
  }

  /** The measured call: {@code GET /api/v1/tenants/<prefix>-<tenant>/access-token} with a key. */
  HttpResponse<String> handOut(String prefix, int tenant, String key) {
    try {
      return http.send(
          HttpRequest.newBuilder(
                  URI.create(
                      ItSettings.baseUrl()
                          + "/api/v1/tenants/"
                          + prefix
                          + "-"
                          + tenant
                          + "/access-token"))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + key)
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonObject send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            request.build().uri().getPath()
                + " -> "
                + response.statusCode()
                + " "
                + response.body());
      }
      return json(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonObject json(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  /** How much an emulator counter grew between two {@code /counters} totals (0 when absent). */
  static long delta(JsonObject before, JsonObject after, String counter) {
    return value(after, counter) - value(before, counter);
  }

  private static long value(JsonObject counters, String name) {
    return counters.containsKey(name) ? counters.getJsonNumber(name).longValue() : 0;
  }

  /** The last {@code refresh-progress} answer, and whether every tenant was refreshed in time. */
  record RefreshProgress(JsonObject last, boolean finished) {

    /** Tenants refreshed so far. */
    long refreshed() {
      return last.getJsonNumber("refreshed").longValue();
    }

    /**
     * Seconds from {@code dueAt} to the instant the progress names {@code key} ({@code
     * firstSuccess}, {@code lastSuccess}); NaN before there is one.
     */
    double secondsAfter(Instant dueAt, String key) {
      return last.containsKey(key)
          ? Duration.between(dueAt, Instant.parse(last.getString(key))).toMillis() / 1000.0
          : Double.NaN;
    }
  }

  /**
   * Polls {@code refresh-progress} every 500 ms until {@code tenants} tenants of {@code prefix}
   * were refreshed, or {@code bench.refresh.timeout-seconds} passed.
   */
  RefreshProgress awaitRefreshed(String prefix, long tenants) {
    JsonObject[] last = new JsonObject[1];
    try {
      await()
          .atMost(Duration.ofSeconds(BenchKnobs.refreshTimeoutSeconds()))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                last[0] = probe("refresh-progress?prefix=" + prefix);
                return last[0].getJsonNumber("refreshed").longValue() >= tenants;
              });
      return new RefreshProgress(last[0], true);
    } catch (ConditionTimeoutException e) {
      return new RefreshProgress(last[0], false);
    }
  }
}
