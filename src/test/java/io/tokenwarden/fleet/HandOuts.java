package io.tokenwarden.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The REST API as a client application uses it, with the suite's TOKEN key: hand-outs ({@code GET
 * …/access-token}) and "refresh now" ({@code POST …/refresh}), against any live node. Answers are
 * counted by status code; tokens are never kept or printed.
 */
final class HandOuts {

  private final Fleet fleet;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

  HandOuts(Fleet fleet) {
    this.fleet = fleet;
  }

  /**
   * Hands out {@code slug}'s token through node {@code node}; returns the HTTP status (0: none).
   */
  int handOut(int node, String slug) {
    return call(node, slug, "access-token", "GET");
  }

  /** Asks node {@code node} to refresh {@code slug} now; returns the HTTP status (0: none). */
  int refreshNow(int node, String slug) {
    return call(node, slug, "refresh", "POST");
  }

  /** Answers counted so far, by status code (0: no answer). */
  Map<Integer, Long> statuses() {
    Map<Integer, Long> copy = new TreeMap<>();
    statuses.forEach((status, count) -> copy.put(status, count.get()));
    return copy;
  }

  private int call(int node, String slug, String action, String method) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(fleet.nodeUrl(node) + "/api/v1/tenants/" + slug + "/" + action))
            .timeout(Duration.ofSeconds(40))
            .header("Authorization", "Bearer " + Storm.TOKEN_KEY)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      status = 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 0;
    }
    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    return status;
  }
}
