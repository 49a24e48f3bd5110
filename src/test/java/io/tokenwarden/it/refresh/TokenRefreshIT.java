package io.tokenwarden.it.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.apikeys.ApiKeyService;
import io.tokenwarden.application.audit.AuditTrail;
import io.tokenwarden.domain.ApiKeyKind;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshEvent;
import io.tokenwarden.domain.RefreshSchedulePolicy;
import io.tokenwarden.infrastructure.runtime.PublicUrl;
import io.tokenwarden.it.refresh.ConnectedTenants.Connected;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The refresh engine against the emulator with 20 s access tokens and STRICT rotation: tenants stay
 * fresh on schedule without ever presenting a spent refresh token, concurrent hand-outs share one
 * refresh, and the hand-out API answers as documented.
 */
@ExtendWith(ArquillianExtension.class)
class TokenRefreshIT {

  private static final Duration LIFETIME = Duration.ofSeconds(20);

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes();
  }

  @Inject ConnectedTenants fixture;

  @Inject RefreshSchedulePolicy policy;

  @Inject ApiKeyService apiKeys;

  @Inject MetricRegistry metrics;

  @Inject PublicUrl publicUrl;

  private EmulatorControl emulator;
  private JsonObject savedSettings;
  private final List<UUID> created = new ArrayList<>();
  // HTTP/1.1: the JDK client's h2c upgrade of requests is unreliable against Liberty.
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void shortLivedStrictlyRotatingTokens() {
    emulator = fixture.emulator();
    savedSettings = emulator.settings();
    emulator.configure(
        "{\"accessTokenLifetimeSeconds\":20,\"rotationMode\":\"STRICT\",\"faults\":[]}");
  }

  @AfterEach
  void cleanUp() {
    created.forEach(fixture::delete);
    emulator.restore(savedSettings);
  }

  /**
   * 200 tenants connected together stay fresh for more than three token lifetimes: every access
   * token is replaced before it expires, no spent refresh token ever reaches the emulator, and no
   * tenant needs a reconnect.
   */
  @Test
  void twoHundredTenantsStayFreshUnderStrictRotation() {
    int count = 200;
    long firstUser =
        emulator.createUsers(count, "rot-" + UUID.randomUUID().toString().substring(0, 6));
    List<Connected> tenants = new ArrayList<>();
    List<Instant> connectedAt = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant now = Instant.now();
      Connected tenant =
          fixture.connect(
              "rot",
              firstUser + i,
              now.plus(LIFETIME),
              policy.nextRefreshAfterSuccess(now, LIFETIME));
      tenants.add(tenant);
      connectedAt.add(now);
      created.add(tenant.id());
    }

    // Three refreshes each (connect = version 1): four consecutive 20 s lifetimes covered.
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> tenants.stream().allMatch(t -> fixture.read(t.id()).tokenVersion() >= 4));

    for (int i = 0; i < count; i++) {
      Connected tenant = tenants.get(i);
      FreeAgentConnection connection = fixture.read(tenant.id());
      assertThat(connection.status()).as(tenant.slug()).isEqualTo(ConnectionStatus.CONNECTED);
      Instant previousExpiry = connectedAt.get(i).plus(LIFETIME);
      for (RefreshEvent event : fixture.events(tenant.id())) {
        assertThat(event.outcome()).as(tenant.slug()).isEqualTo(AuditTrail.SUCCESS);
        assertThat(event.occurredAt())
            .as("refreshed before the previous token expired: " + tenant.slug())
            .isBefore(previousExpiry);
        previousExpiry = event.occurredAt().plus(LIFETIME);
      }
      assertThat(emulator.counter(tenant.emulatorUserId(), "spentTokenReuses")).isZero();
      assertThat(emulator.counter(tenant.emulatorUserId(), "invalidGrants")).isZero();
    }
  }

  /**
   * Fifty parallel hand-outs for a tenant whose token is below the minimum validity: exactly one
   * refresh reaches the emulator and all fifty callers get the same new token.
   */
  @Test
  void fiftyParallelHandOutsShareOneRefresh() throws Exception {
    long user = emulator.createUsers(1, "ho-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    Connected tenant =
        fixture.connect("handout", user, now.plusSeconds(3), now.plus(Duration.ofHours(1)));
    created.add(tenant.id());
    String key = apiKeys.issue("it-handout", ApiKeyKind.TOKEN, tenant.id()).plainKey();

    ExecutorService pool = Executors.newFixedThreadPool(50);
    List<HttpResponse<String>> responses = new ArrayList<>();
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        calls.add(
            CompletableFuture.supplyAsync(
                () -> {
                  awaitLatch(start);
                  return get("/api/v1/tenants/" + tenant.slug() + "/access-token", key);
                },
                pool));
      }
      start.countDown();
      for (CompletableFuture<HttpResponse<String>> call : calls) {
        responses.add(call.get());
      }
    } finally {
      pool.shutdownNow();
    }

    Set<String> tokens = new HashSet<>();
    for (HttpResponse<String> response : responses) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonObject body = json(response.body());
      tokens.add(body.getString("access_token"));
      assertThat(body.getJsonNumber("expires_in").longValue()).isBetween(5L, 20L);
    }
    assertThat(tokens).hasSize(1).doesNotContain(tenant.firstAccessToken());
    assertThat(emulator.counter(user, "refreshCalls")).isEqualTo(1);
    assertThat(fixture.read(tenant.id()).tokenVersion()).isEqualTo(2);
  }

  /**
   * The hand-out API: a fresh token comes back without a provider call; unknown tenants are 404,
   * tenants outside the key's scope 403, a disconnected tenant 409; refresh-now refreshes.
   */
  @Test
  void handOutApiAnswersAsDocumented() {
    long user = emulator.createUsers(3, "api-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    Connected tenant =
        fixture.connect("api", user, now.plus(LIFETIME), now.plus(Duration.ofHours(1)));
    Connected other =
        fixture.connect("api", user + 1, now.plus(LIFETIME), now.plus(Duration.ofHours(1)));
    created.add(tenant.id());
    created.add(other.id());
    String scoped = apiKeys.issue("it-scoped", ApiKeyKind.TOKEN, tenant.id()).plainKey();
    String all = apiKeys.issue("it-all", ApiKeyKind.TOKEN, null).plainKey();

    HttpResponse<String> fresh = get("/api/v1/tenants/" + tenant.slug() + "/access-token", scoped);
    assertThat(fresh.statusCode()).isEqualTo(200);
    assertThat(fresh.headers().firstValue("Content-Type")).get().asString().contains("json");
    JsonObject body = json(fresh.body());
    assertThat(body.getString("access_token")).isEqualTo(tenant.firstAccessToken());
    assertThat(Instant.parse(body.getString("expires_at"))).isAfter(Instant.now());
    assertThat(body.getJsonNumber("expires_in").longValue()).isBetween(1L, 20L);
    assertThat(emulator.counter(user, "refreshCalls")).isZero();

    HttpResponse<String> unknown = get("/api/v1/tenants/no-such-tenant-zz/access-token", all);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(json(unknown.body()).getString("type"))
        .isEqualTo("https://tokenwarden.io/problems/tenant-not-found");

    HttpResponse<String> outOfScope =
        get("/api/v1/tenants/" + other.slug() + "/access-token", scoped);
    assertThat(outOfScope.statusCode()).isEqualTo(403);
    assertThat(json(outOfScope.body()).getString("type"))
        .isEqualTo("https://tokenwarden.io/problems/out-of-scope");

    long timedBefore = refreshTimer().getCount();
    HttpResponse<String> refreshed = post("/api/v1/tenants/" + other.slug() + "/refresh", all);
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    assertThat(refreshTimer().getCount()).as("refresh latency timed").isGreaterThan(timedBefore);
    assertThat(json(refreshed.body()).getBoolean("refreshed")).isTrue();
    assertThat(fixture.read(other.id()).tokenVersion()).isEqualTo(2);
    // The API's refresh is told apart from the console's in the trail, naming the key.
    List<RefreshEvent> trail = fixture.events(other.id());
    assertThat(trail)
        .filteredOn(e -> e.outcome().equals("REFRESH_ASKED"))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("Refresh requested via API (key it-all)"));
    HttpResponse<String> afterRefresh =
        get("/api/v1/tenants/" + other.slug() + "/access-token", all);
    assertThat(json(afterRefresh.body()).getString("access_token"))
        .isNotEqualTo(other.firstAccessToken());

    // Never handed out before, so not in this node's cache (ADR 0021 on the cache's TTL).
    Connected disconnected =
        fixture.connect("api", user + 2, now.plus(LIFETIME), now.plus(Duration.ofHours(1)));
    created.add(disconnected.id());
    fixture.disconnect(disconnected.id());
    // A second Disconnect (another tab, a double click) changes nothing and is not audited again.
    fixture.disconnect(disconnected.id());
    assertThat(fixture.events(disconnected.id()))
        .filteredOn(e -> e.outcome().equals("DISCONNECTED"))
        .hasSize(1);
    HttpResponse<String> gone =
        get("/api/v1/tenants/" + disconnected.slug() + "/access-token", all);
    assertThat(gone.statusCode()).isEqualTo(409);
    assertThat(gone.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(gone.body()).doesNotContain(disconnected.firstAccessToken());
    assertThat(json(gone.body()).getString("type"))
        .isEqualTo("https://tokenwarden.io/problems/not-connected");
    assertThat(json(gone.body()).getString("connectionStatus")).isEqualTo("DISCONNECTED");
  }

  /**
   * The richer hand-out: status and warnings beside the token, never the refresh token; {@code
   * ?min_validity} validated against its configured maximum; and the hand-out guard: a demanded
   * validity above half the token's lifetime is capped there, so asking for 25 minutes of a
   * 10-minute token is served without a refresh instead of refreshing on every call.
   */
  @Test
  void handOutCarriesStatusWarningsAndGuardsMinValidity() {
    long user = emulator.createUsers(2, "mv-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    Connected expiring =
        fixture.connect(
            "mv", user, now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofHours(1)));
    Connected failing =
        fixture.connect(
            "mv", user + 1, now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofHours(1)));
    created.add(expiring.id());
    created.add(failing.id());
    // A 10-minute lifetime: the guard caps any demand at 5 minutes.
    fixture.setLastSuccess(expiring.id(), now);
    fixture.setRefreshExpiry(expiring.id(), now.plus(Duration.ofDays(3)));
    fixture.setRefreshExpiry(failing.id(), now.plus(Duration.ofDays(60)));
    fixture.failedWithRetryAt(failing.id(), 2, now.plus(Duration.ofHours(1)));
    String key = apiKeys.issue("it-mv", ApiKeyKind.TOKEN, null).plainKey();

    HttpResponse<String> guarded =
        get("/api/v1/tenants/" + expiring.slug() + "/access-token?min_validity=PT25M", key);

    assertThat(guarded.statusCode()).as(guarded.body()).isEqualTo(200);
    JsonObject body = json(guarded.body());
    assertThat(body.getString("access_token")).isEqualTo(expiring.firstAccessToken());
    assertThat(body.getString("status")).isEqualTo("CONNECTED");
    assertThat(body.getJsonArray("warnings"))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(((JsonObject) w).getString("code")).isEqualTo("refresh_token_expiring");
              assertThat(((JsonObject) w).getString("at")).isNotBlank();
            });
    assertThat(guarded.body()).doesNotContain("refresh_token\"");
    assertThat(emulator.counter(user, "refreshCalls")).isZero();
    // From this node's memory now, with the same answer.
    HttpResponse<String> again =
        get("/api/v1/tenants/" + expiring.slug() + "/access-token?min_validity=PT25M", key);
    assertThat(json(again.body()).getJsonArray("warnings")).hasSize(1);
    assertThat(emulator.counter(user, "refreshCalls")).isZero();

    HttpResponse<String> failingAnswer =
        get("/api/v1/tenants/" + failing.slug() + "/access-token", key);
    assertThat(failingAnswer.statusCode()).as(failingAnswer.body()).isEqualTo(200);
    assertThat(json(failingAnswer.body()).getJsonArray("warnings"))
        .extracting(w -> ((JsonObject) w).getString("code"))
        .containsExactly("refresh_failing");

    for (String bad : new String[] {"PT31M", "PT0S", "ten-minutes"}) {
      HttpResponse<String> refused =
          get("/api/v1/tenants/" + expiring.slug() + "/access-token?min_validity=" + bad, key);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(json(refused.body()).getString("field")).isEqualTo("min_validity");
      assertThat(json(refused.body()).getString("type"))
          .isEqualTo("https://tokenwarden.io/problems/validation");
    }
  }

  /**
   * A refresh token past its expiry makes the connection NEEDS_RECONNECT without any call to the
   * provider.
   */
  @Test
  void expiredRefreshTokenNeedsReconnectWithoutAProviderCall() {
    long user = emulator.createUsers(1, "exp-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    Connected tenant =
        fixture.connect("exp", user, now.plus(LIFETIME), now.plus(Duration.ofHours(1)));
    created.add(tenant.id());
    fixture.setRefreshExpiry(tenant.id(), now.minusSeconds(1));
    fixture.makeDue(tenant.id());

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> fixture.read(tenant.id()).status() == ConnectionStatus.NEEDS_RECONNECT);
    assertThat(emulator.counter(user, "refreshCalls")).isZero();
    assertThat(fixture.events(tenant.id()))
        .extracting(RefreshEvent::outcome)
        .containsExactly("refresh_token_expired");
    assertThat(fixture.read(tenant.id()).nextRefreshAt()).isNull();
  }

  private Timer refreshTimer() {
    return metrics.timer("tokenwarden.refresh.duration", new Tag("outcome", "answered"));
  }

  private HttpResponse<String> get(String path, String key) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key).GET());
  }

  private HttpResponse<String> post(String path, String key) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private URI uri(String path) {
    return URI.create(publicUrl.base() + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
