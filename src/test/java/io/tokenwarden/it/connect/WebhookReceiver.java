package io.tokenwarden.it.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webhook receiver in the IT's JVM: an HTTP server on an ephemeral port of the loopback address
 * (the server under test runs on this machine) that records every request and answers each path
 * with the status the test sets (200 unless told otherwise).
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as it arrived, with the status it was answered. */
  record Received(
      String path,
      String id,
      String timestamp,
      String signature,
      String body,
      int answered,
      Instant at) {

    JsonObject json() {
      return Json.parse(body);
    }

    String type() {
      return json().getString("type");
    }

    String tenantId() {
      JsonObject data = json().getJsonObject("data");
      return data.containsKey("tenant_id") ? data.getString("tenant_id") : null;
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> answers = new ConcurrentHashMap<>();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "webhook-receiver");
              thread.setDaemon(true);
              return thread;
            }));
    server.start();
  }

  /** The URL of {@code path} on this receiver. */
  String url(String path) {
    return "http://localhost:" + server.getAddress().getPort() + path;
  }

  void answer(String path, int status) {
    answers.put(path, status);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** What arrived at {@code path} for the tenant, in arrival order. */
  List<Received> forTenant(String path, String tenantId) {
    return received.stream()
        .filter(r -> r.path().equals(path) && tenantId.equals(r.tenantId()))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String path = exchange.getRequestURI().getPath();
    int status = answers.getOrDefault(path, 200);
    received.add(
        new Received(
            path,
            exchange.getRequestHeaders().getFirst("webhook-id"),
            exchange.getRequestHeaders().getFirst("webhook-timestamp"),
            exchange.getRequestHeaders().getFirst("webhook-signature"),
            body,
            status,
            Instant.now()));
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
