package io.tokenwarden.it.connect;

import static io.tokenwarden.it.connect.ConnectFixture.configureEmulator;
import static io.tokenwarden.it.connect.ConnectFixture.newSandboxUser;
import static io.tokenwarden.it.connect.ConnectFixture.resetEmulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.it.Deployments;
import io.tokenwarden.it.ItSettings;
import io.tokenwarden.it.api.TrustEverything;
import io.tokenwarden.it.connect.ConnectFlowIT.Tenant;
import io.tokenwarden.it.connect.WebhookReceiver.Received;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks end to end, against a receiver in this JVM: state changes driven through the onboarding
 * pages and the emulator (connect, a revoked grant found by the scheduled refresh) arrive signed as
 * the Standard Webhooks specification says, verified here with an HMAC of our own; a receiver that
 * answers 500 gets the event again and the tenant's next event only after it; an endpoint that
 * never answers 2xx dead-letters the delivery, which a redeliver then brings through; after a
 * secret rotation both secrets sign. The IT server retries after 1, 2, 4 and 8 s (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebhookDeliveryIT {

  private static WebhookReceiver receiver;

  private final List<String> endpoints = new ArrayList<>();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application().addClass(ConnectProbe.class);
  }

  @BeforeAll
  static void startReceiver() throws Exception {
    receiver = new WebhookReceiver();
  }

  @BeforeEach
  void freshEmulator() {
    resetEmulator();
  }

  /** Endpoints are deleted after each test, so no other test's events go to this receiver. */
  @AfterEach
  void deleteEndpoints() {
    for (String id : endpoints) {
      ItHttp.send(ItHttp.admin("/api/v1/webhooks/endpoints/" + id).DELETE());
    }
    endpoints.clear();
    resetEmulator();
  }

  /**
   * Connect, then a revoked grant: the receiver answers 500 to connection.connected until the
   * needs_reconnect event exists, and still gets connected (retried, same webhook-id) before
   * needs_reconnect (reason revoked), every request signed with the endpoint's secret.
   */
  @Test
  void retriesAndKeepsTheTenantsOrder() {
    JsonObject endpoint = createEndpoint("/ordered", null);
    String secret = endpoint.getString("secret");
    receiver.answer("/ordered", 500);
    // 12 s tokens: the scheduler refreshes about 4 s after the connect (8 s minimum lead).
    configureEmulator("{\"accessTokenLifetimeSeconds\":12}");
    long user = newSandboxUser("Webhook Order Ltd");
    Tenant tenant = Tenant.create("hook-order", "Webhook Order");
    assertThat(tenant.connectAs(user).statusCode()).isEqualTo(200);
    ConnectFixture.connection(tenant.id); // remembers the tokens for the scans below
    assertThat(ItHttp.emulator("DELETE", "/users/" + user + "/grants", null).statusCode())
        .isBetween(200, 204);

    // The refresh finds the grant revoked; its event waits behind the failing connected one.
    await().atMost(Duration.ofSeconds(30)).until(() -> tenantDeliveries(tenant.slug).size() == 2);
    assertThat(receiver.forTenant("/ordered", tenant.id))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.type()).isEqualTo("connection.connected"));
    receiver.answer("/ordered", 200);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                receiver.forTenant("/ordered", tenant.id).stream()
                    .anyMatch(r -> r.type().equals("connection.needs_reconnect")));
    List<Received> arrived = receiver.forTenant("/ordered", tenant.id);
    List<String> types = arrived.stream().map(Received::type).toList();
    int firstNeedsReconnect = types.indexOf("connection.needs_reconnect");
    assertThat(types.subList(0, firstNeedsReconnect)).containsOnly("connection.connected");
    assertThat(arrived.get(firstNeedsReconnect - 1).answered()).isEqualTo(200);
    assertThat(arrived.subList(0, firstNeedsReconnect - 1))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.answered()).isEqualTo(500));
    assertThat(arrived.stream().limit(firstNeedsReconnect).map(Received::id).distinct()).hasSize(1);
    JsonObject needsReconnect = arrived.get(firstNeedsReconnect).json();
    assertThat(needsReconnect.getJsonObject("data").getString("reason")).isEqualTo("revoked");
    assertThat(needsReconnect.getJsonObject("data").getString("tenant_slug"))
        .isEqualTo(tenant.slug);
    for (Received r : arrived) {
      assertSignedBy(r, secret);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                tenantDeliveries(tenant.slug).stream()
                    .allMatch(d -> d.getString("status").equals("DELIVERED")));
    JsonObject connected =
        tenantDeliveries(tenant.slug).stream()
            .filter(d -> d.getString("eventType").equals("connection.connected"))
            .findFirst()
            .orElseThrow();
    assertThat(connected.getInt("attempts")).isGreaterThan(1);
    assertThat(connected.getInt("lastHttpStatus")).isEqualTo(200);
    assertThat(connected.getString("eventId")).isEqualTo(arrived.get(0).id());
  }

  /**
   * An endpoint that always answers 500 dead-letters the delivery after the schedule's five
   * attempts (and the dead-delivery metric counts it); a redeliver sends it again (same webhook-id)
   * once the receiver is back.
   */
  @Test
  void deadLettersThenRedelivers() throws Exception {
    JsonObject endpoint = createEndpoint("/dead", "[\"connection.connected\"]");
    receiver.answer("/dead", 500);
    double deadBefore = deadDeliveriesMetric();
    Tenant tenant = Tenant.connected("hook-dead", "Webhook Dead", "Webhook Dead Ltd");
    ConnectFixture.connection(tenant.id);

    JsonObject dead =
        await()
            .atMost(Duration.ofSeconds(40))
            .until(
                () -> tenantDeliveries(tenant.slug).stream().findFirst().orElse(null),
                d -> d != null && d.getString("status").equals("DEAD"));
    assertThat(dead.getInt("attempts")).isEqualTo(5);
    assertThat(dead.getInt("lastHttpStatus")).isEqualTo(500);
    assertThat(dead.getString("lastError")).isEqualTo("HTTP 500");
    assertThat(receiver.forTenant("/dead", tenant.id)).hasSize(5);
    assertThat(deadDeliveriesMetric()).isGreaterThanOrEqualTo(deadBefore + 1);
    HttpResponse<String> page =
        ItHttp.adminGet(
            "/api/v1/webhooks/endpoints/" + endpoint.getString("id") + "/deliveries?limit=5");
    assertThat(page.body()).contains(dead.getString("id"));

    receiver.answer("/dead", 200);
    HttpResponse<String> redelivered =
        ItHttp.adminPost("/api/v1/webhooks/deliveries/" + dead.getString("id") + "/redeliver", "");
    assertThat(redelivered.statusCode()).as(redelivered.body()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> receiver.forTenant("/dead", tenant.id).size() == 6);
    Received last = receiver.forTenant("/dead", tenant.id).get(5);
    assertThat(last.answered()).isEqualTo(200);
    assertThat(last.id()).isEqualTo(dead.getString("eventId"));
    assertSignedBy(last, endpoint.getString("secret"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> delivery(dead.getString("id")).getString("status").equals("DELIVERED"));
  }

  /**
   * After a rotation the next webhook carries two signatures: the new secret's and the old one's.
   */
  @Test
  void bothSecretsSignDuringARotation() {
    JsonObject endpoint = createEndpoint("/rotated", "[\"connection.connected\"]");
    String oldSecret = endpoint.getString("secret");
    HttpResponse<String> rotated =
        ItHttp.adminPost(
            "/api/v1/webhooks/endpoints/" + endpoint.getString("id") + "/rotate-secret", "");
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    assertThat(rotated.headers().firstValue("Cache-Control")).hasValue("no-store");
    String newSecret = IssuedSecrets.remember(Json.parse(rotated.body()).getString("secret"));
    assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);

    Tenant tenant = Tenant.connected("hook-rotate", "Webhook Rotate", "Webhook Rotate Ltd");
    ConnectFixture.connection(tenant.id);

    Received received =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> receiver.forTenant("/rotated", tenant.id).stream().findFirst().orElse(null),
                r -> r != null);
    String[] signatures = received.signature().split(" ");
    assertThat(signatures).hasSize(2);
    assertThat(signatures[0]).isEqualTo(expectedSignature(received, newSecret));
    assertThat(signatures[1]).isEqualTo(expectedSignature(received, oldSecret));
    assertThat(received.type()).isEqualTo("connection.connected");
  }

  /** Bad input is a 400 naming the field; an unknown id a 404; listing never shows a secret. */
  @Test
  void managementRefusesBadInputAndNeverListsSecrets() {
    HttpResponse<String> badUrl =
        ItHttp.adminPost("/api/v1/webhooks/endpoints", "{\"url\":\"ftp://example.test/x\"}");
    assertThat(badUrl.statusCode()).isEqualTo(400);
    assertThat(Json.parse(badUrl.body()).getString("field")).isEqualTo("url");
    HttpResponse<String> badType =
        ItHttp.adminPost(
            "/api/v1/webhooks/endpoints",
            "{\"url\":\"https://example.test/x\",\"eventTypes\":[\"connection.exploded\"]}");
    assertThat(badType.statusCode()).isEqualTo(400);
    assertThat(Json.parse(badType.body()).getString("field")).isEqualTo("eventTypes");
    assertThat(
            ItHttp.adminGet("/api/v1/webhooks/endpoints/" + java.util.UUID.randomUUID())
                .statusCode())
        .isEqualTo(404);

    JsonObject endpoint = createEndpoint("/managed", null);
    HttpResponse<String> disabled =
        ItHttp.send(
            ItHttp.admin("/api/v1/webhooks/endpoints/" + endpoint.getString("id"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"enabled\":false}")));
    assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
    assertThat(Json.parse(disabled.body()).getBoolean("enabled")).isFalse();
    HttpResponse<String> list = ItHttp.adminGet("/api/v1/webhooks/endpoints");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains(endpoint.getString("id"))
        .doesNotContain(endpoint.getString("secret"))
        .doesNotContain("whsec_");
  }

  /**
   * No webhook secret, token, code or link the suite saw reached the server's log, and no token
   * reached a webhook payload.
   */
  @AfterAll
  static void noSecretInTheServerLogOrPayloads() {
    try {
      for (Received r : receiver.received()) {
        for (String secret : IssuedSecrets.all()) {
          assertThat(r.body()).doesNotContain(secret);
        }
      }
      IssuedSecrets.assertNoneInServerLogs();
    } finally {
      receiver.close();
    }
  }

  private JsonObject createEndpoint(String path, String eventTypes) {
    HttpResponse<String> created =
        ItHttp.adminPost(
            "/api/v1/webhooks/endpoints",
            "{\"url\":\""
                + receiver.url(path)
                + "\",\"description\":\"WebhookDeliveryIT\""
                + (eventTypes == null ? "" : ",\"eventTypes\":" + eventTypes)
                + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonObject json = Json.parse(created.body());
    assertThat(json.getString("secret")).startsWith("whsec_");
    IssuedSecrets.remember(json.getString("secret"));
    endpoints.add(json.getString("id"));
    return json;
  }

  private static List<JsonObject> tenantDeliveries(String slug) {
    HttpResponse<String> page = ItHttp.adminGet("/api/v1/tenants/" + slug + "/webhook-deliveries");
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    return Json.parse(page.body()).getJsonArray("items").getValuesAs(JsonObject.class);
  }

  /** {@code tokenwarden_webhook_deliveries_total{outcome="dead"}} as the scrape user reads it. */
  private static double deadDeliveriesMetric() throws Exception {
    HttpClient https = HttpClient.newBuilder().sslContext(TrustEverything.context()).build();
    HttpResponse<String> metrics =
        https.send(
            HttpRequest.newBuilder(
                    java.net.URI.create(ItSettings.secureBaseUrl() + "/metrics?scope=application"))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                "it-scraper:it-scrape-password-0123"
                                    .getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    Matcher dead =
        Pattern.compile(
                "(?m)^tokenwarden_webhook_deliveries_total\\{[^}]*outcome=\"dead\"[^}]*\\}\\s+([0-9.eE+]+)$")
            .matcher(metrics.body());
    return dead.find() ? Double.parseDouble(dead.group(1)) : 0;
  }

  private static JsonObject delivery(String id) {
    HttpResponse<String> response = ItHttp.adminGet("/api/v1/webhooks/deliveries/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response.body());
  }

  /** The request carries the Standard Webhooks headers and a v1 signature by {@code secret}. */
  private static void assertSignedBy(Received r, String secret) {
    assertThat(r.id()).isNotBlank();
    long timestamp = Long.parseLong(r.timestamp());
    assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
    assertThat(r.signature().split(" ")).contains(expectedSignature(r, secret));
  }

  /**
   * HMAC-SHA256 over "id.timestamp.body" keyed with the secret's Base64 bytes, as the spec says.
   */
  private static String expectedSignature(Received r, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(
              (r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
