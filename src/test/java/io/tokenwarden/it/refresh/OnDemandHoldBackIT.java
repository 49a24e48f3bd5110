package io.tokenwarden.it.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.apikeys.ApiKeyService;
import io.tokenwarden.domain.ApiKeyKind;
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
 * A hand-out does not start a refresh the scheduler holds back after failures (README, "Handing out
 * tokens"): while a token is still valid it is served, and once none is left the caller gets 503
 * with Retry-After at the scheduled retry, FreeAgent not called either way.
 */
@ExtendWith(ArquillianExtension.class)
class OnDemandHoldBackIT {

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes();
  }

  @Inject ConnectedTenants fixture;

  @Inject ApiKeyService apiKeys;

  @Inject PublicUrl publicUrl;

  private EmulatorControl emulator;
  private JsonObject savedSettings;
  private final List<UUID> created = new ArrayList<>();
  // HTTP/1.1: the JDK client's h2c upgrade of requests is unreliable against Liberty.
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void strictRotation() {
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
   * Two refreshes failed and the retry is a minute away: a hand-out below the minimum validity
   * (PT5S in the ITs) gets the still-valid stored token, and once it has expired a 503 whose
   * Retry-After points at the retry; no refresh call reaches FreeAgent.
   */
  @Test
  void backoffAfterFailuresHoldsTheOnDemandRefresh() throws Exception {
    long user = emulator.createUsers(1, "hold-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    Connected tenant =
        fixture.connect("hold", user, now.plusSeconds(3), now.plus(Duration.ofHours(1)));
    created.add(tenant.id());
    fixture.failedWithRetryAt(tenant.id(), 2, now.plusSeconds(60));
    String key = apiKeys.issue("it-hold", ApiKeyKind.TOKEN, tenant.id()).plainKey();

    HttpResponse<String> stillValid = get(tenant, key);
    assertThat(stillValid.statusCode()).as(stillValid.body()).isEqualTo(200);
    assertThat(json(stillValid.body()).getString("access_token"))
        .isEqualTo(tenant.firstAccessToken());
    assertThat(emulator.counter(user, "refreshCalls")).as("no refresh on demand").isZero();

    fixture.setAccessExpiry(tenant.id(), Instant.now().minusSeconds(1));
    HttpResponse<String> none = get(tenant, key);
    assertThat(none.statusCode()).as(none.body()).isEqualTo(503);
    assertThat(none.headers().firstValue("Content-Type")).get().asString().contains("problem+json");
    assertThat(none.headers().firstValue("Retry-After").map(Long::parseLong))
        .get()
        .satisfies(seconds -> assertThat(seconds).isBetween(30L, 62L));
    assertThat(none.body()).doesNotContain(tenant.firstAccessToken());
    assertThat(emulator.counter(user, "refreshCalls")).as("still none").isZero();
    assertThat(fixture.read(tenant.id()).consecutiveFailures()).isEqualTo(2);
  }

  private HttpResponse<String> get(Connected tenant, String key) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(publicUrl.base() + "/api/v1/tenants/" + tenant.slug() + "/access-token"))
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(60))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}
