package io.tokenwarden.it.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.apikeys.ApiKeyService;
import io.tokenwarden.application.handout.AccessTokenHandOut;
import io.tokenwarden.application.refresh.RefreshService;
import io.tokenwarden.application.webhooks.DeliveryView;
import io.tokenwarden.application.webhooks.WebhookDeliveries;
import io.tokenwarden.application.webhooks.WebhookEndpoints;
import io.tokenwarden.domain.ApiKeyKind;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshEvent;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.infrastructure.runtime.PublicUrl;
import io.tokenwarden.it.refresh.ConnectedTenants.Connected;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/DESIGN.md's failure table, one row per test, injected through the emulator: each asserts the
 * status, the next refresh time, and that the stored tokens are exactly as before the failure.
 */
@ExtendWith(ArquillianExtension.class)
class RefreshFailuresIT {

  /** tokenwarden.refresh.initial-backoff (default). */
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes();
  }

  @Inject ConnectedTenants fixture;

  @Inject RefreshService refreshes;

  @Inject ApiKeyService apiKeys;

  @Inject AccessTokenHandOut handOut;

  @Inject PublicUrl publicUrl;

  @Inject WebhookEndpoints webhookEndpoints;

  @Inject WebhookDeliveries webhookDeliveries;

  private EmulatorControl emulator;
  private JsonObject savedSettings;
  private final List<UUID> created = new ArrayList<>();

  @BeforeEach
  void remember() {
    emulator = fixture.emulator();
    savedSettings = emulator.settings();
    emulator.configure("{\"rotationMode\":\"STRICT\",\"faults\":[]}");
  }

  @AfterEach
  void cleanUp() {
    created.forEach(fixture::delete);
    emulator.restore(savedSettings);
  }

  /**
   * A 200 that is malformed and carries no usable refresh token (cut-off JSON, an HTML page) is a
   * transient failure: REFRESH_FAILING, retried after the first backoff step, stored tokens
   * untouched, and no retry inside the call (the provider may have acted on it).
   */
  @Test
  void malformedSuccessIsTransientAndLeavesTokensAlone() {
    String[] kinds = {"MALFORMED_JSON", "HTML_200"};
    long firstUser = emulator.createUsers(kinds.length, "mal-" + suffix());
    List<Connected> tenants = new ArrayList<>();
    StringBuilder faults = new StringBuilder();
    for (int i = 0; i < kinds.length; i++) {
      tenants.add(connect("mal", firstUser + i));
      faults.append(i == 0 ? "" : ",").append(fault(kinds[i], firstUser + i, 1));
    }
    emulator.configure("{\"faults\":[" + faults + "]}");
    List<FreeAgentConnection> before = tenants.stream().map(t -> fixture.read(t.id())).toList();
    tenants.forEach(t -> fixture.makeDue(t.id()));

    for (int i = 0; i < kinds.length; i++) {
      Connected tenant = tenants.get(i);
      FreeAgentConnection after = awaitStatus(tenant, ConnectionStatus.REFRESH_FAILING);
      assertTokensIntact(before.get(i), after);
      assertNextAttemptAfter(after, FIRST_BACKOFF);
      assertThat(emulator.counter(tenant.emulatorUserId(), "faultsInjected"))
          .as("no retry in place for " + kinds[i])
          .isEqualTo(1);
      assertThat(fixture.events(tenant.id())).hasSize(1);
    }
  }

  /**
   * R7, against STRICT rotation: a 200 with {@code expires_in} as a string and a 200 with a
   * negative lifetime each carry a new refresh token, so each is stored (CONNECTED, version +1, new
   * refresh token; the negative lifetime as the conservative 10 minutes), the audit row names the
   * irregularity, and the next refresh with the new token succeeds: no spent token is ever sent.
   */
  @Test
  void irregularSuccessWithARefreshTokenIsStoredAndTheNextRefreshWorks() {
    String[] kinds = {"MISTYPED_FIELD", "NEGATIVE_LIFETIME"};
    String[] noted = {"expires_in sent as a string", "expires_in not a positive whole number"};
    Duration[] lifetimes = {Duration.ofHours(1), Duration.ofMinutes(10)};
    long firstUser = emulator.createUsers(kinds.length, "odd-" + suffix());
    List<Connected> tenants = new ArrayList<>();
    StringBuilder faults = new StringBuilder();
    for (int i = 0; i < kinds.length; i++) {
      tenants.add(connect("odd", firstUser + i));
      faults.append(i == 0 ? "" : ",").append(fault(kinds[i], firstUser + i, 1));
    }
    emulator.configure("{\"faults\":[" + faults + "]}");
    List<FreeAgentConnection> before = tenants.stream().map(t -> fixture.read(t.id())).toList();
    tenants.forEach(t -> fixture.makeDue(t.id()));

    for (int i = 0; i < kinds.length; i++) {
      Connected tenant = tenants.get(i);
      FreeAgentConnection stored = awaitVersion(tenant, before.get(i).tokenVersion() + 1);
      assertThat(stored.status()).as(kinds[i]).isEqualTo(ConnectionStatus.CONNECTED);
      assertThat(stored.refreshTokenCiphertext())
          .as(kinds[i])
          .isNotEqualTo(before.get(i).refreshTokenCiphertext());
      assertThat(stored.accessTokenCiphertext())
          .as(kinds[i])
          .isNotEqualTo(before.get(i).accessTokenCiphertext());
      assertThat(stored.accessExpiresAt())
          .as(kinds[i])
          .isBetween(
              stored.lastSuccessAt().plus(lifetimes[i]).minusSeconds(5),
              stored.lastSuccessAt().plus(lifetimes[i]).plusSeconds(5));
      List<RefreshEvent> events = fixture.events(tenant.id());
      assertThat(events).as(kinds[i]).hasSize(1);
      assertThat(events.get(0).outcome()).as(kinds[i]).isEqualTo("SUCCESS");
      assertThat(events.get(0).detail()).as(kinds[i]).contains(noted[i]);
    }

    tenants.forEach(t -> fixture.makeDue(t.id()));
    for (int i = 0; i < kinds.length; i++) {
      Connected tenant = tenants.get(i);
      long user = tenant.emulatorUserId();
      FreeAgentConnection next = awaitVersion(tenant, before.get(i).tokenVersion() + 2);
      assertThat(next.status()).as(kinds[i]).isEqualTo(ConnectionStatus.CONNECTED);
      assertThat(emulator.counter(user, "refreshSuccesses")).as(kinds[i]).isEqualTo(2);
      assertThat(emulator.counter(user, "spentTokenReuses")).as(kinds[i]).isZero();
      assertThat(emulator.counter(user, "invalidGrants")).as(kinds[i]).isZero();
    }
  }

  /**
   * A 200 with a new refresh token but no access token: the refresh token is stored, the current
   * access token kept, and a refresh is due at once, which gets a proper pair with the new token.
   */
  @Test
  void successWithoutAnAccessTokenKeepsTheCurrentOneAndRefreshesAgain() {
    long user = emulator.createUsers(1, "noacc-" + suffix());
    Connected tenant = connect("noacc", user);
    emulator.configure("{\"faults\":[" + fault("MISSING_FIELD", user, 1) + "]}");
    FreeAgentConnection before = fixture.read(tenant.id());
    fixture.makeDue(tenant.id());

    FreeAgentConnection proper = awaitVersion(tenant, before.tokenVersion() + 2);
    assertThat(proper.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(proper.accessTokenCiphertext()).isNotEqualTo(before.accessTokenCiphertext());
    List<RefreshEvent> events = fixture.events(tenant.id());
    assertThat(events).extracting(RefreshEvent::outcome).containsExactly("SUCCESS", "SUCCESS");
    assertThat(events.get(0).detail()).contains("access_token missing");
    assertThat(emulator.counter(user, "refreshSuccesses")).isEqualTo(2);
    assertThat(emulator.counter(user, "spentTokenReuses")).isZero();
    assertThat(emulator.counter(user, "invalidGrants")).isZero();
  }

  /**
   * A 5xx does not prove FreeAgent issued nothing, so it is not retried inside the call: one
   * token-endpoint call, then REFRESH_FAILING with an exponential-backoff retry and the tokens
   * intact; here FreeAgent failed before looking at the token, so it works on the next attempt.
   */
  @Test
  void serverErrorsAreNotRetriedInPlaceButBackedOff() {
    long user = emulator.createUsers(1, "5xx-" + suffix());
    Connected tenant = connect("5xx", user);
    emulator.configure("{\"faults\":[" + fault("HTTP_503", user, 3) + "]}");
    FreeAgentConnection before = fixture.read(tenant.id());
    fixture.makeDue(tenant.id());

    FreeAgentConnection after = awaitStatus(tenant, ConnectionStatus.REFRESH_FAILING);
    assertTokensIntact(before, after);
    assertNextAttemptAfter(after, FIRST_BACKOFF);
    assertThat(after.lastErrorCode()).isEqualTo("http_503");
    assertThat(emulator.counter(user, "faultsInjected")).as("no retry in place").isEqualTo(1);
    assertThat(fixture.events(tenant.id()))
        .extracting(RefreshEvent::httpStatus)
        .containsExactly(503);

    emulator.configure("{\"faults\":[]}");
    fixture.makeDue(tenant.id());
    FreeAgentConnection recovered = awaitStatus(tenant, ConnectionStatus.CONNECTED);
    assertThat(recovered.tokenVersion()).isEqualTo(2);
    assertThat(recovered.consecutiveFailures()).isZero();
  }

  /**
   * Webhooks around failures: nothing on the first and second 503, one {@code
   * connection.refresh_failing} when the third in a row reaches {@code refresh-failing-after}, one
   * {@code connection.recovered} when the next refresh succeeds; each written with its state
   * change.
   */
  @Test
  void refreshFailingIsAnnouncedOnceAtTheThresholdAndRecoveryAfterIt() {
    UUID endpoint =
        webhookEndpoints
            .create("http://127.0.0.1:9/refresh-failures-it", "RefreshFailuresIT", List.of())
            .endpoint()
            .id();
    try {
      long user = emulator.createUsers(1, "hookfail-" + suffix());
      Connected tenant = connect("hookfail", user);
      emulator.configure("{\"faults\":[" + fault("HTTP_503", user, 3) + "]}");
      for (int failures = 1; failures <= 3; failures++) {
        int expected = failures;
        fixture.makeDue(tenant.id());
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> fixture.read(tenant.id()).consecutiveFailures() == expected);
        assertThat(webhookTypes(tenant.id()))
            .as("after failure " + failures)
            .isEqualTo(failures < 3 ? List.of() : List.of("connection.refresh_failing"));
      }

      emulator.configure("{\"faults\":[]}");
      fixture.makeDue(tenant.id());
      awaitStatus(tenant, ConnectionStatus.CONNECTED);
      assertThat(webhookTypes(tenant.id()))
          .containsExactly("connection.recovered", "connection.refresh_failing");
    } finally {
      webhookEndpoints.delete(endpoint);
    }
  }

  /** The types of the tenant's webhook deliveries, newest first. */
  private List<String> webhookTypes(UUID tenantId) {
    return webhookDeliveries.forTenant(tenantId, 0, 50).stream()
        .map(DeliveryView::eventType)
        .toList();
  }

  /**
   * FreeAgent rotates the refresh token, then a proxy loses the answer (502). Token Warden sends
   * the token once, not again inside the call; the next scheduled attempt meets invalid_grant, and
   * the tenant needs a reconnect that says the answer was lost rather than that the user revoked.
   */
  @Test
  void answerLostAfterRotationIsSentOnceThenNeedsReconnectAsLost() {
    long user = emulator.createUsers(1, "lost-" + suffix());
    Connected tenant = connect("lost", user);
    emulator.configure("{\"faults\":[" + fault("LOST_AFTER_ROTATION", user, 1) + "]}");
    FreeAgentConnection before = fixture.read(tenant.id());
    fixture.makeDue(tenant.id());

    FreeAgentConnection failing = awaitStatus(tenant, ConnectionStatus.REFRESH_FAILING);
    assertTokensIntact(before, failing);
    assertThat(failing.lastErrorCode()).isEqualTo("http_502");
    assertThat(emulator.counter(user, "refreshCalls")).as("one call, no retry").isEqualTo(1);
    assertThat(emulator.counter(user, "spentTokenReuses")).isZero();

    fixture.makeDue(tenant.id());
    FreeAgentConnection lost = awaitStatus(tenant, ConnectionStatus.NEEDS_RECONNECT);
    assertThat(lost.lastErrorCode()).isEqualTo("answer_lost");
    assertThat(lost.lastErrorMessage()).contains("answer").contains("reconnect link");
    assertThat(lost.nextRefreshAt()).isNull();
    assertThat(emulator.counter(user, "spentTokenReuses"))
        .as("re-sent on the next attempt")
        .isEqualTo(1);
    assertThat(fixture.events(tenant.id()))
        .extracting(RefreshEvent::outcome)
        .containsExactly("http_502", "answer_lost");
  }

  /**
   * 429 with Retry-After: THROTTLED until then, no retry inside the call, no further call before
   * that time (not even for a hand-out, which gets 503 with Retry-After once no valid token is
   * left), and the stored tokens untouched.
   */
  @Test
  void rateLimitedConnectionWaitsForRetryAfter() throws Exception {
    emulator.configure("{\"refreshLimitPerMinute\":1}");
    long user = emulator.createUsers(1, "429-" + suffix());
    Connected tenant = connect("429", user);
    FreeAgentConnection before = fixture.read(tenant.id());
    for (int i = 0; i < 3 && before.status() != ConnectionStatus.THROTTLED; i++) {
      before = fixture.read(tenant.id());
      refreshes.refreshNow(tenant.id(), RefreshTrigger.MANUAL);
      if (fixture.read(tenant.id()).status() == ConnectionStatus.THROTTLED) {
        break;
      }
    }
    FreeAgentConnection after = fixture.read(tenant.id());

    assertThat(after.status()).isEqualTo(ConnectionStatus.THROTTLED);
    assertTokensIntact(before, after);
    assertThat(after.throttledUntil()).isEqualTo(after.nextRefreshAt());
    assertThat(after.throttledUntil())
        .isAfter(after.lastAttemptAt())
        .isBeforeOrEqualTo(after.lastAttemptAt().plusSeconds(61));
    RefreshEvent last = fixture.events(tenant.id()).get(fixture.events(tenant.id()).size() - 1);
    assertThat(last.httpStatus()).isEqualTo(429);
    assertThat(last.outcome()).isEqualTo("rate_limited");
    long callsSoFar = emulator.counter(user, "refreshCalls");

    // As if the stored token had run out meanwhile; this node's cache must forget it as well.
    fixture.setAccessExpiry(tenant.id(), Instant.now().minusSeconds(1));
    handOut.forget(tenant.id());
    HttpResponse<String> response = handOut(tenant);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 62L);
    assertThat(emulator.counter(user, "refreshCalls")).isEqualTo(callsSoFar);
  }

  /**
   * invalid_grant (the user revoked the app): NEEDS_RECONNECT, no retry, tokens kept as they were.
   */
  @Test
  void invalidGrantNeedsReconnect() throws Exception {
    long user = emulator.createUsers(1, "ig-" + suffix());
    Connected tenant = connect("ig", user);
    FreeAgentConnection before = fixture.read(tenant.id());
    emulator.revokeGrants(user);
    fixture.makeDue(tenant.id());

    FreeAgentConnection after = awaitStatus(tenant, ConnectionStatus.NEEDS_RECONNECT);
    assertTokensIntact(before, after);
    assertThat(after.nextRefreshAt()).isNull();
    assertThat(after.lastErrorCode()).isEqualTo("invalid_grant");
    HttpResponse<String> handOutResponse = handOut(tenant);
    assertThat(handOutResponse.statusCode()).isEqualTo(409);
    assertThat(handOutResponse.body())
        .contains("reconnect")
        .contains("\"type\":\"https://tokenwarden.io/problems/needs-reconnect\"")
        .contains("\"connectionStatus\":\"NEEDS_RECONNECT\"");
    // One token-endpoint call, answered 400, and no retry (one audit row per call).
    assertThat(fixture.events(tenant.id()))
        .extracting(RefreshEvent::httpStatus)
        .containsExactly(400);
  }

  /**
   * Sixteen tenants of one FreeAgent user due at once: Token Warden starts at most fifteen
   * refreshes for that user per minute, so the emulator (FreeAgent's 15/min per user) never answers
   * 429.
   */
  @Test
  void perUserLimitKeepsRefreshesUnderFifteenPerMinute() {
    long user = emulator.createUsers(1, "pu-" + suffix());
    List<Connected> tenants = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      tenants.add(connect("pu", user));
    }
    tenants.forEach(t -> fixture.makeDue(t.id()));

    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              long refreshed =
                  tenants.stream().filter(t -> fixture.read(t.id()).tokenVersion() > 1).count();
              long deferred =
                  tenants.stream()
                      .map(t -> fixture.read(t.id()))
                      .filter(c -> c.tokenVersion() == 1)
                      .filter(c -> c.nextRefreshAt().getEpochSecond() % 60 == 0)
                      .count();
              return refreshed == 16 || (refreshed == 15 && deferred == 1);
            });
    assertThat(emulator.counter(user, "refreshRateLimited")).isZero();
    assertThat(emulator.counter(user, "spentTokenReuses")).isZero();
  }

  private HttpResponse<String> handOut(Connected tenant) throws Exception {
    String key = apiKeys.issue("it-failures", ApiKeyKind.TOKEN, tenant.id()).plainKey();
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        publicUrl.base() + "/api/v1/tenants/" + tenant.slug() + "/access-token"))
                .header("Authorization", "Bearer " + key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private Connected connect(String prefix, long user) {
    Instant now = Instant.now();
    Connected tenant =
        fixture.connect(prefix, user, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
    created.add(tenant.id());
    return tenant;
  }

  private FreeAgentConnection awaitStatus(Connected tenant, ConnectionStatus status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> fixture.read(tenant.id()).status() == status);
    return fixture.read(tenant.id());
  }

  private FreeAgentConnection awaitVersion(Connected tenant, long version) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> fixture.read(tenant.id()).tokenVersion() >= version);
    return fixture.read(tenant.id());
  }

  private static void assertTokensIntact(FreeAgentConnection before, FreeAgentConnection after) {
    assertThat(after.accessTokenCiphertext()).isEqualTo(before.accessTokenCiphertext());
    assertThat(after.refreshTokenCiphertext()).isEqualTo(before.refreshTokenCiphertext());
    assertThat(after.accessExpiresAt()).isEqualTo(before.accessExpiresAt());
    assertThat(after.tokenVersion()).isEqualTo(before.tokenVersion());
  }

  private static void assertNextAttemptAfter(FreeAgentConnection after, Duration backoff) {
    assertThat(after.nextRefreshAt())
        .isBetween(
            after.lastAttemptAt().plus(backoff).minusSeconds(1),
            after.lastAttemptAt().plus(backoff).plusSeconds(1));
  }

  private static String fault(String kind, long user, int times) {
    return "{\"kind\":\""
        + kind
        + "\",\"scope\":\"TOKEN_ENDPOINT\",\"userId\":"
        + user
        + ",\"times\":"
        + times
        + "}";
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 6);
  }
}
