package io.tokenwarden.it.emulator;

import static io.tokenwarden.it.emulator.EmulatorClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.it.Deployments;
import io.tokenwarden.it.ItSettings;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rate limits (per user, the 2020 global bug, API minute and hour windows), the API's own rules,
 * every fault kind, and the control API's guard and bulk helpers. Minute windows are crossed by
 * moving the emulator's clock, never by waiting.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EmulatorLimitsAndFaultsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  private final EmulatorClient emulator = new EmulatorClient();

  @BeforeEach
  void resetEmulator() {
    emulator.reset();
  }

  private static String refreshTokenOf(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return parse(response.body()).getString("refresh_token");
  }

  /** The 16th refresh of a user within a minute: 429, Retry-After to the minute's end, text. */
  @Test
  void refreshLimitPerUserWithRetryAfter() {
    emulator.freezeClock("2030-01-01T10:00:30Z");
    String token = emulator.mintGrant(1).getString("refresh_token");
    for (int i = 0; i < 15; i++) {
      token = refreshTokenOf(emulator.refresh(token));
    }

    HttpResponse<String> limited = emulator.refresh(token);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(limited.body()).isEqualTo("You must not exceed 15 requests per 60 seconds");
    assertThat(emulator.refresh(emulator.mintGrant(2).getString("refresh_token")).statusCode())
        .as("another user is not limited")
        .isEqualTo(200);
    emulator.advanceClock(29);
    assertThat(emulator.refresh(token).headers().firstValue("Retry-After")).hasValue("1");
    emulator.advanceClock(1);
    assertThat(emulator.refresh(token).statusCode()).as("a new minute").isEqualTo(200);
    JsonObject counters = emulator.counters(1);
    assertThat(counters.getInt("refreshCalls")).isEqualTo(18);
    assertThat(counters.getInt("refreshSuccesses")).isEqualTo(16);
    assertThat(counters.getInt("refreshRateLimited")).isEqualTo(2);
  }

  /** A 429 does not spend the refresh token it refused. */
  @Test
  void limitedRefreshDoesNotSpendTheToken() {
    emulator.freezeClock("2030-01-01T10:00:00Z");
    emulator.configure("{\"refreshLimitPerMinute\":1}");
    String token =
        refreshTokenOf(emulator.refresh(emulator.mintGrant(1).getString("refresh_token")));

    assertThat(emulator.refresh(token).statusCode()).isEqualTo(429);
    emulator.advanceClock(60);

    assertThat(emulator.refresh(token).statusCode()).isEqualTo(200);
  }

  /** The 2020 bug: 15 refreshes a minute for all users together; the 16th user gets 429. */
  @Test
  void globalRefreshLimitBug() {
    emulator.freezeClock("2030-01-01T10:00:45Z");
    emulator.configure("{\"globalRefreshLimit\":true}");
    emulator.control("POST", "/users/bulk", "{\"count\":16,\"emailPrefix\":\"global\"}");
    for (long user = 4; user <= 18; user++) {
      assertThat(emulator.refresh(emulator.mintGrant(user).getString("refresh_token")).statusCode())
          .isEqualTo(200);
    }

    HttpResponse<String> sixteenth =
        emulator.refresh(emulator.mintGrant(19).getString("refresh_token"));

    assertThat(sixteenth.statusCode()).isEqualTo(429);
    assertThat(sixteenth.headers().firstValue("Retry-After")).hasValue("15");
    assertThat(emulator.totals().getInt("refreshRateLimited")).isEqualTo(1);
    emulator.configure("{\"globalRefreshLimit\":false}");
    assertThat(emulator.refresh(emulator.mintGrant(1).getString("refresh_token")).statusCode())
        .as("per-user limits again")
        .isEqualTo(200);
  }

  /** API calls: per-minute and per-hour windows, each with its own Retry-After. */
  @Test
  void apiLimitsPerMinuteAndHour() {
    emulator.freezeClock("2030-01-01T10:45:30Z");
    emulator.configure("{\"apiLimitPerMinute\":2,\"apiLimitPerHour\":3}");
    String access = emulator.mintGrant(1).getString("access_token");
    assertThat(emulator.api("/company", access).statusCode()).isEqualTo(200);
    assertThat(emulator.api("/users/me", access).statusCode()).isEqualTo(200);

    HttpResponse<String> minute = emulator.api("/company", access);
    assertThat(minute.statusCode()).isEqualTo(429);
    assertThat(minute.headers().firstValue("Retry-After")).hasValue("30");

    emulator.advanceClock(30);
    assertThat(emulator.api("/company", access).statusCode()).isEqualTo(200);
    HttpResponse<String> hour = emulator.api("/company", access);
    assertThat(hour.statusCode()).isEqualTo(429);
    assertThat(hour.headers().firstValue("Retry-After")).hasValue("840");
    assertThat(emulator.counters(1).getInt("apiRateLimited")).isEqualTo(2);
  }

  /** FreeAgent's defaults: 120 API calls a minute per user. */
  @Test
  void defaultApiLimitIs120PerMinute() {
    emulator.freezeClock("2030-01-01T10:00:00Z");
    String access = emulator.mintGrant(1).getString("access_token");
    for (int i = 0; i < 120; i++) {
      assertThat(emulator.api("/company", access).statusCode()).isEqualTo(200);
    }
    assertThat(emulator.api("/company", access).statusCode()).isEqualTo(429);
  }

  /** The API wants a User-Agent (400 without) and a known, live bearer token (401 otherwise). */
  @Test
  void apiRequiresUserAgentAndValidToken() throws Exception {
    String access = emulator.mintGrant(1).getString("access_token");

    assertThat(statusWithoutUserAgent("/emulator/v2/company", access)).isEqualTo(400);
    assertThat(emulator.api("/company", null).statusCode()).isEqualTo(401);
    HttpResponse<String> unknown = emulator.api("/company", "bm90LWEtdG9rZW4=");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  /**
   * The token-endpoint faults whose body carries no usable token, and after each the presented
   * token still works.
   */
  @Test
  void tokenEndpointFaultsLeaveTheRefreshTokenUnspent() {
    String token = emulator.mintGrant(1).getString("refresh_token");
    for (String kind : List.of("HTTP_500", "HTTP_502", "HTTP_503", "HTML_200")) {
      emulator.configure(fault(kind, "TOKEN_ENDPOINT", null));
      HttpResponse<String> response = emulator.refresh(token);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow())
          .as(kind)
          .startsWith("text/html");
      assertThat(response.body()).as(kind).contains("<html");
    }
    emulator.configure(fault("MALFORMED_JSON", "TOKEN_ENDPOINT", null));
    assertThatThrownBy(() -> parse(emulator.refresh(token).body())).as("malformed").isNotNull();

    emulator.configure("{\"faults\":[]}");
    assertThat(emulator.refresh(token).statusCode()).isEqualTo(200);
    assertThat(emulator.counters(1).getInt("faultsInjected")).isEqualTo(5);
    assertThat(emulator.counters(1).getInt("spentTokenReuses")).isZero();
  }

  /**
   * A faulty 200 that carries a refresh token is a real rotation: the token in the body works and
   * the presented one is spent, so chaining the tokens the bodies carry never reuses one.
   */
  @Test
  void tokenEndpointFaultsWithARefreshTokenRotate() {
    String token = emulator.mintGrant(1).getString("refresh_token");
    String first = token;

    emulator.configure(fault("MISSING_FIELD", "TOKEN_ENDPOINT", null));
    JsonObject missing = parse(emulator.refresh(token).body());
    assertThat(missing).doesNotContainKey("access_token");
    token = missing.getString("refresh_token");
    emulator.configure(fault("MISTYPED_FIELD", "TOKEN_ENDPOINT", null));
    JsonObject mistyped = parse(emulator.refresh(token).body());
    assertThat(mistyped.get("expires_in").getValueType())
        .isEqualTo(jakarta.json.JsonValue.ValueType.STRING);
    assertThat(emulator.api("/company", mistyped.getString("access_token")).statusCode())
        .as("the access token of a faulty body is real")
        .isEqualTo(200);
    token = mistyped.getString("refresh_token");
    emulator.configure(fault("NEGATIVE_LIFETIME", "TOKEN_ENDPOINT", null));
    JsonObject negative = parse(emulator.refresh(token).body());
    assertThat(negative.getInt("expires_in")).isNegative();
    token = negative.getString("refresh_token");

    emulator.configure("{\"faults\":[]}");
    assertThat(emulator.refresh(token).statusCode()).isEqualTo(200);
    JsonObject counters = emulator.counters(1);
    assertThat(counters.getInt("faultsInjected")).isEqualTo(3);
    assertThat(counters.getInt("refreshSuccesses")).isEqualTo(4);
    assertThat(counters.getInt("spentTokenReuses")).isZero();
    assertThat(counters.getInt("invalidGrants")).isZero();

    assertThat(emulator.refresh(first).statusCode())
        .as("the token presented with the first fault is spent")
        .isEqualTo(400);
  }

  /** Status codes of the HTML faults are the ones configured. */
  @Test
  void htmlFaultStatusCodes() {
    String token = emulator.mintGrant(1).getString("refresh_token");
    for (String kind : List.of("HTTP_500", "HTTP_502", "HTTP_503")) {
      emulator.configure(fault(kind, "ANY", null));
      assertThat(emulator.refresh(token).statusCode())
          .isEqualTo(Integer.parseInt(kind.substring(5)));
    }
    emulator.configure(fault("HTML_200", "ANY", null));
    assertThat(emulator.refresh(token).statusCode()).isEqualTo(200);
  }

  /** API faults: HTML errors and broken bodies on /v2/company and /v2/users/me. */
  @Test
  void apiFaults() {
    String access = emulator.mintGrant(1).getString("access_token");
    emulator.configure(fault("HTTP_503", "API", null));
    assertThat(emulator.api("/company", access).statusCode()).isEqualTo(503);
    emulator.configure(fault("MISSING_FIELD", "API", null));
    assertThat(parse(emulator.api("/company", access).body()).getJsonObject("company"))
        .doesNotContainKey("id");
    emulator.configure(fault("MISTYPED_FIELD", "API", null));
    assertThat(
            parse(emulator.api("/users/me", access).body())
                .getJsonObject("user")
                .get("permission_level")
                .getValueType())
        .isEqualTo(jakarta.json.JsonValue.ValueType.STRING);
    emulator.configure(fault("MALFORMED_JSON", "API", null));
    String cut = emulator.api("/users/me", access).body();
    assertThatThrownBy(() -> parse(cut)).isNotNull();
    emulator.configure(fault("HTTP_500", "TOKEN_ENDPOINT", null));
    assertThat(emulator.api("/company", access).statusCode())
        .as("a token endpoint fault leaves the API alone")
        .isEqualTo(200);
  }

  /** A fault targeted at one user leaves the others alone; "times" limits it. */
  @Test
  void faultsTargetedAtOneUserAndLimitedInTimes() {
    String ada = emulator.mintGrant(1).getString("refresh_token");
    String charles = emulator.mintGrant(2).getString("refresh_token");
    emulator.configure(
        "{\"faults\":[{\"kind\":\"HTTP_502\",\"scope\":\"TOKEN_ENDPOINT\",\"userId\":2,\"times\":1}]}");

    ada = refreshTokenOf(emulator.refresh(ada));
    assertThat(emulator.refresh(charles).statusCode()).isEqualTo(502);
    assertThat(emulator.refresh(charles).statusCode()).isEqualTo(200);
    assertThat(
            emulator
                .control("GET", "/settings", null)
                .getJsonArray("faults")
                .getJsonObject(0)
                .getInt("remaining"))
        .isZero();
  }

  /** A hang outlasts the client, and the request it swallowed changed nothing. */
  @Test
  void hangUntilTheClientGivesUp() throws Exception {
    String token = emulator.mintGrant(1).getString("refresh_token");
    emulator.configure(
        "{\"maxHangSeconds\":2,\"faults\":[{\"kind\":\"HANG\",\"scope\":\"TOKEN_ENDPOINT\"}]}");

    assertThatThrownBy(() -> emulator.refreshWithTimeout(token, Duration.ofMillis(500)))
        .isInstanceOf(HttpTimeoutException.class);

    awaitNoDelayedReplies();
    emulator.configure("{\"faults\":[]}");
    assertThat(emulator.refresh(token).statusCode()).isEqualTo(200);
    assertThat(emulator.counters(1).getInt("faultsInjected")).isEqualTo(1);
  }

  /** The hung or delayed requests a test left behind have been answered (and the hang ended). */
  private void awaitNoDelayedReplies() {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> emulator.control("GET", "/sizes", null).getInt("delayedReplies") == 0);
  }

  /** Latency delays a real answer; it arrives and is counted as an injected fault. */
  @Test
  void latencyDelaysButAnswers() throws Exception {
    String token = emulator.mintGrant(1).getString("refresh_token");
    emulator.configure(
        "{\"faults\":[{\"kind\":\"LATENCY\",\"scope\":\"ANY\",\"minMillis\":200,\"maxMillis\":400}]}");

    HttpResponse<String> slow = emulator.refreshWithTimeout(token, Duration.ofSeconds(30));

    assertThat(slow.statusCode()).isEqualTo(200);
    assertThat(emulator.counters(1).getInt("faultsInjected")).isEqualTo(1);
    assertThatThrownBy(
            () -> {
              emulator.configure(
                  "{\"faults\":[{\"kind\":\"LATENCY\",\"minMillis\":1500,\"maxMillis\":1500}]}");
              emulator.refreshWithTimeout("unknown", Duration.ofMillis(300));
            })
        .isInstanceOf(HttpTimeoutException.class);
    awaitNoDelayedReplies();
  }

  /**
   * The explicit "lost after rotation" fault: the provider rotated, the client got a 502; the old
   * token is now spent (and in STRICT mode presenting it revokes the grant).
   */
  @Test
  void lostAfterRotation() {
    String token = emulator.mintGrant(1).getString("refresh_token");
    emulator.configure("{\"faults\":[{\"kind\":\"LOST_AFTER_ROTATION\",\"times\":1}]}");

    assertThat(emulator.refresh(token).statusCode()).isEqualTo(502);
    assertThat(emulator.refresh(token).statusCode()).isEqualTo(400);

    JsonObject counters = emulator.counters(1);
    assertThat(counters.getInt("refreshSuccesses")).isEqualTo(1);
    assertThat(counters.getInt("spentTokenReuses")).isEqualTo(1);
    assertThat(counters.getInt("liveGrants")).isZero();
  }

  /** The control API wants the configured secret. */
  @Test
  void controlApiRequiresTheSecret() {
    assertThat(emulator.controlRaw("POST", "/reset", null, null).statusCode()).isEqualTo(401);
    assertThat(emulator.controlRaw("GET", "/counters", null, "wrong").statusCode()).isEqualTo(401);
    assertThat(
            emulator
                .controlRaw("PUT", "/settings", "{\"nope\":1}", EmulatorClient.CONTROL_SECRET)
                .statusCode())
        .isEqualTo(400);
  }

  /** Benchmarks: create many users at once, mint grants directly, read counters and totals. */
  @Test
  void bulkUsersMintedGrantsAndCounters() {
    JsonObject bulk =
        emulator.control("POST", "/users/bulk", "{\"count\":200,\"emailPrefix\":\"bench\"}");
    assertThat(bulk.getInt("created")).isEqualTo(200);
    long last = bulk.getJsonNumber("lastId").longValue();

    JsonObject tokens = emulator.mintGrant(last);
    JsonObject me = parse(emulator.api("/users/me", tokens.getString("access_token")).body());

    assertThat(me.getJsonObject("user").getString("email")).startsWith("bench-");
    assertThat(emulator.control("GET", "/users?limit=5", null).getInt("total")).isEqualTo(203);
    JsonObject totals = emulator.totals();
    assertThat(totals.getInt("apiCalls")).isEqualTo(1);
    assertThat(totals.getInt("liveGrants")).isEqualTo(1);
    assertThat(emulator.control("GET", "/counters", null).getJsonObject("users"))
        .containsKey(String.valueOf(last));
  }

  /** A user created through the control API can sign in on the approval page. */
  @Test
  void createdUserCanApprove() {
    JsonObject created =
        emulator.control(
            "POST",
            "/users",
            "{\"email\":\"new@firm.example\",\"firstName\":\"New\",\"lastName\":\"Person\","
                + "\"permissionLevel\":6,\"company\":{\"name\":\"New Firm\",\"subdomain\":\"new-firm\"}}");
    long id = created.getJsonNumber("id").longValue();

    String code = emulator.authorize(id, "s").get("code");
    String access = parse(emulator.exchange(code).body()).getString("access_token");
    JsonObject company = parse(emulator.api("/company", access).body()).getJsonObject("company");

    assertThat(company.getString("name")).isEqualTo("New Firm");
    assertThat(company.getString("subdomain")).isEqualTo("new-firm");
  }

  /** Expired and spent entries are swept out of memory. */
  @Test
  void sweepKeepsMemoryBounded() {
    emulator.configure("{\"accessTokenLifetimeSeconds\":60,\"refreshTokenLifetimeSeconds\":120}");
    for (long user = 1; user <= 3; user++) {
      emulator.refresh(emulator.mintGrant(user).getString("refresh_token"));
    }
    emulator.advanceClock(121);

    JsonObject swept = emulator.control("POST", "/sweep", null);

    assertThat(swept.getInt("dropped")).isPositive();
    assertThat(swept.getJsonObject("sizes").getInt("accessTokens")).isZero();
    assertThat(swept.getJsonObject("sizes").getInt("refreshTokens")).isZero();
  }

  private static String fault(String kind, String scope, Long userId) {
    return "{\"faults\":[{\"kind\":\""
        + kind
        + "\",\"scope\":\""
        + scope
        + "\""
        + (userId == null ? "" : ",\"userId\":" + userId)
        + "}]}";
  }

  /** java.net.http always sends a User-Agent, so this request is written by hand. */
  private static int statusWithoutUserAgent(String path, String accessToken) throws Exception {
    URI base = URI.create(ItSettings.baseUrl());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + base.getHost()
                  + "\r\nAuthorization: Bearer "
                  + accessToken
                  + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }
}
