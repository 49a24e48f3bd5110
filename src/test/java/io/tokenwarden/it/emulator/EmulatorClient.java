package io.tokenwarden.it.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.it.ItSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the emulator ITs say to the emulator over HTTP, as a client of FreeAgent and as a test
 * driving the control API. It remembers every token it saw, so a test can prove none was logged.
 */
final class EmulatorClient {

  static final String CONTROL_SECRET = "it-control-secret";
  static final String CLIENT_ID = "token-warden-local";
  static final String CLIENT_SECRET = "token-warden-local-secret";
  static final String USER_AGENT = "TokenWarden-IT/1.0";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final String base = ItSettings.baseUrl() + "/emulator";
  final Set<String> tokensSeen = ConcurrentHashMap.newKeySet();

  String callbackUri() {
    return ItSettings.baseUrl() + "/connect/callback";
  }

  // ---- control API ----------------------------------------------------------------------

  JsonObject control(String method, String path, String json) {
    HttpResponse<String> response = controlRaw(method, path, json, CONTROL_SECRET);
    assertThat(response.statusCode())
        .as("control %s %s: %s", method, path, response.body())
        .isBetween(200, 299);
    return parse(response.body());
  }

  HttpResponse<String> controlRaw(String method, String path, String json, String secret) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/control" + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (secret != null) {
      request.header("X-Emulator-Secret", secret);
    }
    return send(request.build());
  }

  void reset() {
    control("POST", "/reset", null);
  }

  JsonObject configure(String json) {
    return control("PUT", "/settings", json);
  }

  void freezeClock(String instant) {
    control("POST", "/clock", "{\"freezeAt\":\"" + instant + "\"}");
  }

  void advanceClock(long seconds) {
    control("POST", "/clock", "{\"advanceSeconds\":" + seconds + "}");
  }

  JsonObject mintGrant(long userId) {
    JsonObject tokens = control("POST", "/users/" + userId + "/grants", null);
    remember(tokens);
    return tokens;
  }

  JsonObject counters(long userId) {
    return control("GET", "/users/" + userId + "/counters", null);
  }

  JsonObject totals() {
    return control("GET", "/counters", null).getJsonObject("total");
  }

  // ---- OAuth ----------------------------------------------------------------------------

  HttpResponse<String> approveAppPage(Map<String, String> query) {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/v2/approve_app?" + form(query))).GET().build());
  }

  HttpResponse<String> decide(String approvalPage, String userId, String decision) {
    Matcher request = Pattern.compile("name=\"request\" value=\"([^\"]+)\"").matcher(approvalPage);
    assertThat(request.find()).as("approval page has a request id").isTrue();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("request", unescape(request.group(1)));
    if (userId != null) {
      fields.put("user_id", userId);
    }
    fields.put("decision", decision);
    return send(
        HttpRequest.newBuilder(URI.create(base + "/v2/approve_app/decision"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
            .build());
  }

  /** Runs the browser flow for one user and returns the query of the redirect back. */
  Map<String, String> authorize(long userId, String state) {
    HttpResponse<String> page =
        approveAppPage(
            Map.of(
                "client_id",
                CLIENT_ID,
                "response_type",
                "code",
                "redirect_uri",
                callbackUri(),
                "state",
                state));
    assertThat(page.statusCode()).isEqualTo(200);
    HttpResponse<String> redirect = decide(page.body(), String.valueOf(userId), "approve");
    assertThat(redirect.statusCode()).isEqualTo(303);
    Map<String, String> query = query(redirect.headers().firstValue("Location").orElseThrow());
    if (query.containsKey("code")) {
      tokensSeen.add(query.get("code"));
    }
    return query;
  }

  HttpResponse<String> token(Map<String, String> body, String basicUser, String basicPassword) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/v2/token_endpoint"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form(body)));
    if (basicUser != null) {
      request.header("Authorization", basic(basicUser, basicPassword));
    }
    HttpResponse<String> response = send(request.build());
    if (response.statusCode() == 200 && response.body().startsWith("{\"access_token\"")) {
      try {
        remember(parse(response.body()));
      } catch (RuntimeException malformed) {
        // fault replies may be cut off; nothing to remember
      }
    }
    return response;
  }

  HttpResponse<String> exchange(String code) {
    return token(
        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", callbackUri()),
        CLIENT_ID,
        CLIENT_SECRET);
  }

  HttpResponse<String> refresh(String refreshToken) {
    return token(
        Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
        CLIENT_ID,
        CLIENT_SECRET);
  }

  /** A refresh that gives up after {@code timeout}, as a client does when the provider hangs. */
  HttpResponse<String> refreshWithTimeout(String refreshToken, Duration timeout) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/v2/token_endpoint"))
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", basic(CLIENT_ID, CLIENT_SECRET))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    form(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> api(String path, String accessToken, String userAgent) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/v2" + path))
            .header("Accept", "application/json");
    if (accessToken != null) {
      request.header("Authorization", "Bearer " + accessToken);
    }
    if (userAgent != null) {
      request.header("User-Agent", userAgent);
    }
    return send(request.GET().build());
  }

  HttpResponse<String> api(String path, String accessToken) {
    return api(path, accessToken, USER_AGENT);
  }

  // ---- helpers --------------------------------------------------------------------------

  void remember(JsonObject tokens) {
    if (tokens.containsKey("access_token")) {
      tokensSeen.add(tokens.getString("access_token"));
    }
    if (tokens.containsKey("refresh_token")) {
      tokensSeen.add(tokens.getString("refresh_token"));
    }
  }

  static JsonObject parse(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  static String basic(String user, String password) {
    String raw =
        URLEncoder.encode(user, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static Map<String, String> query(String location) {
    URI uri = URI.create(location);
    Map<String, String> values = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      values.put(
          java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return values;
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
