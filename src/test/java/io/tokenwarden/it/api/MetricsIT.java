package io.tokenwarden.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.it.Deployments;
import io.tokenwarden.it.ItSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /metrics} as a scrape user reads it (the IT server runs with {@code
 * tokenwarden.metrics.access=scrape-user}, pom.xml): nothing without the credential, and the
 * operations gauges with it: connections per status follow what happens (a new tenant is one more
 * pending connection), and the scheduler lag and the key-rotation backlog are there for alerts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

  private static final String ADMIN_KEY = "tw_it-admin-key-0123456789abcdef";
  private static final String SCRAPER = "it-scraper:it-scrape-password-0123";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  private final HttpClient http = HttpClient.newHttpClient();

  /** Trusts the IT server's self-signed certificate; only ever talks to localhost. */
  private final HttpClient https =
      HttpClient.newBuilder().sslContext(TrustEverything.context()).build();

  /**
   * Without the scrape credential, or with a wrong one, nothing is read: HTTP is sent to HTTPS, and
   * HTTPS asks for credentials.
   */
  @Test
  void metricsNeedTheScrapeCredential() throws Exception {
    HttpResponse<String> plain =
        http.send(
            HttpRequest.newBuilder(URI.create(ItSettings.baseUrl() + "/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> anonymous = metrics(null);
    HttpResponse<String> wrong = metrics("it-scraper:not-the-password");

    assertThat(plain.statusCode()).isIn(301, 302, 303, 307, 401, 403);
    assertThat(plain.body()).doesNotContain("tokenwarden_");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(metrics(SCRAPER).statusCode()).isEqualTo(200);
  }

  /**
   * A tenant created through the API shows up as one more pending connection: the gauge comes to
   * equal the count the admin API lists with {@code ?status=PENDING} (the gauge's snapshot may be
   * up to 5 s old, so a count read before the creation could already be stale).
   */
  @Test
  void connectionsPerStatusFollowTheTenants() throws Exception {
    createTenant("metrics-" + UUID.randomUUID().toString().substring(0, 8));
    long pending = pendingThroughTheApi();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(gauge("tokenwarden_connections", "status=\"pending\""))
                    .isEqualTo((double) pending));
  }

  /** How many tenants the admin API lists as PENDING, page by page. */
  private long pendingThroughTheApi() throws Exception {
    long total = 0;
    for (int offset = 0; ; offset += 500) {
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          ItSettings.baseUrl()
                              + "/api/v1/tenants?status=PENDING&limit=500&offset="
                              + offset))
                  .header("Authorization", "Bearer " + ADMIN_KEY)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      int items = page.body().split("\"slug\":", -1).length - 1;
      total += items;
      if (items < 500) {
        return total;
      }
    }
  }

  /** The lag, the rotation backlog and the webhook outbox depth are numbers, never negative. */
  @Test
  void schedulerLagAndKeyBacklogAreReported() throws Exception {
    assertThat(gauge("tokenwarden_refresh_scheduler_lag_seconds", "")).isNotNegative();
    assertThat(gauge("tokenwarden_crypto_connections_older_key", "")).isNotNegative();
    assertThat(gauge("tokenwarden_webhook_outbox_depth", "")).isNotNegative();
  }

  /**
   * Hand-outs are counted by outcome with their latency (a pending tenant's is {@code not_usable});
   * the series to alert on exist from start-up: tokens handed out past expiry (0, and it must stay
   * so), FreeAgent's 429s, the refresh latency.
   */
  @Test
  void handOutsAndAlertSeriesAreReported() throws Exception {
    String slug = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    createTenant(slug);
    String key = tokenKey();
    double before = valueOrZero("tokenwarden_handouts_seconds_count", "outcome=\"not_usable\"");

    HttpResponse<String> handOut =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(ItSettings.baseUrl() + "/api/v1/tenants/" + slug + "/access-token"))
                .header("Authorization", "Bearer " + key)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(handOut.statusCode()).as(handOut.body()).isEqualTo(409);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(gauge("tokenwarden_handouts_seconds_count", "outcome=\"not_usable\""))
                    .isEqualTo(before + 1));
    assertThat(gauge("tokenwarden_handouts_seconds_sum", "outcome=\"not_usable\"")).isNotNegative();
    assertThat(gauge("tokenwarden_handout_expired_prevented_total", "")).isZero();
    assertThat(gauge("tokenwarden_provider_throttled_total", "")).isNotNegative();
    assertThat(gauge("tokenwarden_refresh_duration_seconds_count", "outcome=\"answered\""))
        .isNotNegative();
    assertThat(metrics(SCRAPER).body()).doesNotContain(key).doesNotContain(slug);
  }

  private double valueOrZero(String name, String label) throws Exception {
    String body = metrics(SCRAPER).body();
    Matcher m =
        Pattern.compile(
                "(?m)^" + name + "\\{[^}]*" + Pattern.quote(label) + "[^}]*\\}\\s+([-+0-9.eE]+)$")
            .matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** A TOKEN key for every tenant, issued through the admin API. */
  private String tokenKey() throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(ItSettings.baseUrl() + "/api/v1/api-keys"))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"metrics-it\",\"kind\":\"TOKEN\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Matcher key = Pattern.compile("\"key\":\"(tw_[^\"]+)\"").matcher(created.body());
    assertThat(key.find()).isTrue();
    return key.group(1);
  }

  private double gauge(String name, String label) throws Exception {
    HttpResponse<String> response = metrics(SCRAPER);
    assertThat(response.statusCode()).isEqualTo(200);
    String body = response.body();
    Matcher m =
        Pattern.compile(
                "(?m)^"
                    + name
                    + "\\{[^}]*"
                    + Pattern.quote(label)
                    + "[^}]*\\}\\s+([-+0-9.eE]+|NaN)$")
            .matcher(body);
    assertThat(m.find()).as(name + " " + label + " in\n" + body).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private HttpResponse<String> metrics(String credentials) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
            URI.create(ItSettings.secureBaseUrl() + "/metrics?scope=application"));
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return https.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private void createTenant(String slug) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(ItSettings.baseUrl() + "/api/v1/tenants"))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"slug\":\"" + slug + "\",\"displayName\":\"Metrics " + slug + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }
}
