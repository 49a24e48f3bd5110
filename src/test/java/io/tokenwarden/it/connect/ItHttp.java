package io.tokenwarden.it.connect;

import io.tokenwarden.it.ItSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls of the ITs: the admin API, the emulator's control API, the IT probe. */
final class ItHttp {

  /** The admin key the IT server registers at start (arquillian.xml). */
  static final String ADMIN_KEY = "tw_it-admin-key-0123456789abcdef";

  static final String EMULATOR_SECRET = "it-control-secret";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ItHttp() {}

  static String url(String path) {
    return ItSettings.baseUrl() + path;
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpRequest.Builder admin(String path) {
    return HttpRequest.newBuilder(URI.create(url(path)))
        .header("Authorization", "Bearer " + ADMIN_KEY)
        .header("Accept", "application/json");
  }

  static HttpResponse<String> adminPost(String path, String json) {
    return send(
        admin(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  static HttpResponse<String> adminGet(String path) {
    return send(admin(path).GET());
  }

  static HttpResponse<String> adminDelete(String path) {
    return send(admin(path).DELETE());
  }

  /** A call with another key than the bootstrap admin key (or none when {@code key} is null). */
  static HttpResponse<String> as(String key, String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "application/json");
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return send(
        request.method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
  }

  static HttpResponse<String> emulator(String method, String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(url("/emulator/control" + path)))
            .header("X-Emulator-Secret", EMULATOR_SECRET)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json)));
  }
}
