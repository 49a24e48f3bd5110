package io.tokenwarden.it.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.apikeys.ApiKeyService;
import io.tokenwarden.application.refresh.InFlightRefreshes;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hand-outs that must wait for a refresh under another node's lease hold no request thread while
 * they wait (ADR 0023), and all get the one refreshed token once the wait is over.
 */
@ExtendWith(ArquillianExtension.class)
class HandOutWaitIT {

  private static final int CALLERS = 20;

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes();
  }

  @Inject ConnectedTenants fixture;

  @Inject ApiKeyService apiKeys;

  @Inject PublicUrl publicUrl;

  @Inject InFlightRefreshes inFlight;

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
   * The access token has expired and a node that is not this one holds the lease (it claimed, then
   * went silent): twenty hand-outs wait, and meanwhile no server thread sits in the hand-out
   * resource. When that lease runs out, one of them claims and refreshes, and all twenty get its
   * token; FreeAgent sees one refresh.
   */
  @Test
  void waitingHandOutsHoldNoRequestThread() throws Exception {
    long user = emulator.createUsers(1, "wait-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    Connected tenant =
        fixture.connect("wait", user, now.minusSeconds(1), now.plus(Duration.ofHours(1)));
    created.add(tenant.id());
    fixture.holdLease(tenant.id(), "elsewhere/0a1b2c3d", now.plusSeconds(8));
    String key = apiKeys.issue("it-wait", ApiKeyKind.TOKEN, tenant.id()).plainKey();

    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      calls.add(http.sendAsync(request(tenant, key), HttpResponse.BodyHandlers.ofString()));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> inFlight.isRunning(tenant.id()));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> calls.stream().noneMatch(CompletableFuture::isDone) && !aThreadIsIn());

    Set<String> tokens = new HashSet<>();
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> response = call.get();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      tokens.add(json(response.body()).getString("access_token"));
    }
    assertThat(tokens).hasSize(1).doesNotContain(tenant.firstAccessToken());
    assertThat(emulator.counter(user, "refreshCalls")).isEqualTo(1);
    assertThat(emulator.counter(user, "spentTokenReuses")).isZero();
  }

  /** Whether any thread of this server is inside the hand-out resource right now. */
  private static boolean aThreadIsIn() {
    return Thread.getAllStackTraces().values().stream()
        .anyMatch(
            stack ->
                Arrays.stream(stack)
                    .anyMatch(
                        frame ->
                            frame.getClassName().startsWith("io.tokenwarden.interfaces.api.")
                                && frame.getMethodName().equals("accessToken")));
  }

  private HttpRequest request(Connected tenant, String key) {
    return HttpRequest.newBuilder(
            URI.create(publicUrl.base() + "/api/v1/tenants/" + tenant.slug() + "/access-token"))
        .header("Authorization", "Bearer " + key)
        .timeout(Duration.ofSeconds(60))
        .GET()
        .build();
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}
