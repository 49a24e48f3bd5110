package io.tokenwarden.it.connect;

import static io.tokenwarden.it.connect.ConnectFixture.advanceEmulatorClock;
import static io.tokenwarden.it.connect.ConnectFixture.configureEmulator;
import static io.tokenwarden.it.connect.ConnectFixture.connectionRow;
import static io.tokenwarden.it.connect.ConnectFixture.issueLink;
import static io.tokenwarden.it.connect.ConnectFixture.newSandboxUser;
import static io.tokenwarden.it.connect.ConnectFixture.newTenant;
import static io.tokenwarden.it.connect.ConnectFixture.newestLinkState;
import static io.tokenwarden.it.connect.ConnectFixture.resetEmulator;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.it.Deployments;
import io.tokenwarden.it.ItSettings;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connect flow over HTTP, step by step, against the emulator: success and reconnect, and every
 * way it can fail, each leaving the stored connection exactly as it was and the link usable where
 * that is promised. Stops between FreeAgent's answer and the callback where a scenario needs it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectFlowIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application().addClass(ConnectProbe.class);
  }

  @BeforeEach
  @AfterEach
  void freshEmulator() {
    resetEmulator();
  }

  /** Success stores the company and tokens, spends the link, and audits the code exchange. */
  @Test
  void connectsAndSpendsTheLink() {
    Tenant tenant = Tenant.create("flow-ok", "Flow Ok Ltd");
    long user = newSandboxUser("Flow Company One");

    HttpResponse<String> result = tenant.connectAs(user);

    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.body()).contains("Flow Company One").contains("Flow Ok Ltd");
    assertThat(result.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    JsonObject row = connectionRow(tenant.id);
    assertThat(row.getString("status")).isEqualTo("CONNECTED");
    assertThat(row.getString("company_name")).isEqualTo("Flow Company One");
    assertThat(row.getString("token_version")).isEqualTo("1");
    assertThat(newestLinkState(tenant.slug)).isEqualTo("used");
    JsonObject event = lastEvent(tenant.id);
    assertThat(event.getString("trigger_kind")).isEqualTo("CONNECT");
    assertThat(event.getString("outcome")).isEqualTo("SUCCESS");
    assertThat(event.getString("http_status")).isEqualTo("200");
    assertThat(event.isNull("duration_ms")).isFalse();
  }

  /** A reconnect to another FreeAgent company is stored, flagged and audited for the operator. */
  @Test
  void reconnectToAnotherCompanyIsFlagged() {
    Tenant tenant = Tenant.create("flow-re", "Flow Reconnect Ltd");
    tenant.connectAs(newSandboxUser("First Company"));
    String firstCompanyId = connectionRow(tenant.id).getString("company_id");

    JsonObject link = issueLink(tenant.slug);
    assertThat(link.getString("purpose")).isEqualTo("RECONNECT");
    HttpResponse<String> result =
        new TenantBrowser().connect(link.getString("url"), newSandboxUser("Second Company"));

    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.body()).contains("Second Company");
    JsonObject row = connectionRow(tenant.id);
    assertThat(row.getString("previous_company_id")).isEqualTo(firstCompanyId);
    assertThat(row.isNull("company_changed_at")).isFalse();
    assertThat(row.getString("token_version")).isEqualTo("2");
    assertThat(lastEvent(tenant.id).getString("detail"))
        .contains("Reconnected to a different FreeAgent company")
        .contains("First Company")
        .contains("Second Company");
    JsonObject api = ConnectFixture.tenant(tenant.slug).getJsonObject("connection");
    assertThat(api.getString("previousCompanyId")).isEqualTo(firstCompanyId);
    assertThat(serverLog()).contains("Reconnected to a different FreeAgent company");
  }

  /** A link nobody issued gets a "we do not recognise this link" page, for GET and POST. */
  @Test
  void unknownLink() {
    String url = ItSettings.baseUrl() + "/connect/" + "x".repeat(43);
    TenantBrowser browser = new TenantBrowser();

    HttpResponse<String> page = browser.get(url);
    HttpResponse<String> press = browser.postForm(url, "");

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("We do not recognise this link");
    assertThat(press.statusCode()).isEqualTo(404);
    assertThat(browser.get(ItSettings.baseUrl() + "/connect/short").statusCode()).isEqualTo(404);
  }

  /** An expired link says so and cannot start an attempt; nothing is stored. */
  @Test
  void expiredLink() {
    Tenant tenant = Tenant.create("flow-exp", "Flow Expired Ltd");
    String before = connectionRow(tenant.id).toString();
    ConnectFixture.expireLinks(tenant.id);
    TenantBrowser browser = new TenantBrowser();

    HttpResponse<String> page = browser.get(tenant.linkUrl);
    HttpResponse<String> press = browser.postForm(tenant.linkUrl, "");

    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("This link has expired").contains("Flow Expired Ltd");
    assertThat(press.statusCode()).isEqualTo(410);
    assertThat(browser.binding()).isNull();
    assertThat(connectionRow(tenant.id).toString()).isEqualTo(before);
    assertThat(newestLinkState(tenant.slug)).isEqualTo("expired");
  }

  /** Issuing a new link withdraws the old one; the old one says so and the new one works. */
  @Test
  void revokedLink() {
    Tenant tenant = Tenant.create("flow-rev", "Flow Revoked Ltd");
    String oldUrl = tenant.linkUrl;
    String newUrl = issueLink(tenant.slug).getString("url");
    TenantBrowser browser = new TenantBrowser();

    HttpResponse<String> page = browser.get(oldUrl);

    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("withdrawn");
    assertThat(browser.postForm(oldUrl, "").statusCode()).isEqualTo(410);
    assertThat(browser.get(newUrl).statusCode()).isEqualTo(200);
  }

  /** A used link says so: it connects once only. */
  @Test
  void usedLink() {
    Tenant tenant = Tenant.create("flow-used", "Flow Used Ltd");
    tenant.connectAs(newSandboxUser("Used Company"));
    String after = connectionRow(tenant.id).toString();
    TenantBrowser again = new TenantBrowser();

    HttpResponse<String> page = again.get(tenant.linkUrl);

    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("already been used");
    assertThat(again.postForm(tenant.linkUrl, "").statusCode()).isEqualTo(410);
    assertThat(connectionRow(tenant.id).toString()).isEqualTo(after);
  }

  /** The tenant pressed Deny: a clear page, nothing changed, and the link still connects. */
  @Test
  void declinedAtFreeAgent() {
    Tenant tenant = Tenant.connected("flow-deny", "Flow Deny Ltd", "Deny Company");
    String before = connectionRow(tenant.id).toString();
    String linkUrl = issueLink(tenant.slug).getString("url");
    long user = newSandboxUser("Deny Company Two");
    TenantBrowser browser = new TenantBrowser();

    String callback = browser.decide(browser.pressConnect(linkUrl), user, false);
    assertThat(TenantBrowser.queryParameter(callback, "error")).isEqualTo("access_denied");
    HttpResponse<String> page = browser.get(callback);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("You did not allow access").contains("still works");
    assertThat(connectionRow(tenant.id).toString()).isEqualTo(before);
    assertThat(newestLinkState(tenant.slug)).isEqualTo("usable");
    assertThat(browser.connect(linkUrl, user).body()).contains("Deny Company Two");
  }

  /** The code expired (more than 15 minutes at FreeAgent): "start again", the link still works. */
  @Test
  void codeExpired() {
    Tenant tenant = Tenant.connected("flow-late", "Flow Late Ltd", "Late Company");
    String before = connectionRow(tenant.id).toString();
    String linkUrl = issueLink(tenant.slug).getString("url");
    TenantBrowser browser = new TenantBrowser();
    String callback =
        browser.decide(browser.pressConnect(linkUrl), newSandboxUser("Late Company Two"), true);

    advanceEmulatorClock(16 * 60);
    HttpResponse<String> page = browser.get(callback);

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("15 minutes").contains("link still works");
    assertThat(connectionRow(tenant.id).toString()).isEqualTo(before);
    assertThat(newestLinkState(tenant.slug)).isEqualTo("usable");
    assertThat(lastAttemptOutcome(tenant.id)).isEqualTo("invalid_grant");
  }

  /** FreeAgent answers 503: "not answering, try again in a few minutes"; nothing changed. */
  @Test
  void providerDown() {
    Tenant tenant = Tenant.connected("flow-down", "Flow Down Ltd", "Down Company");
    String before = connectionRow(tenant.id).toString();
    String linkUrl = issueLink(tenant.slug).getString("url");
    TenantBrowser browser = new TenantBrowser();
    String callback =
        browser.decide(browser.pressConnect(linkUrl), newSandboxUser("Down Company Two"), true);

    configureEmulator("{\"faults\":[{\"kind\":\"HTTP_503\",\"scope\":\"TOKEN_ENDPOINT\"}]}");
    HttpResponse<String> page = browser.get(callback);

    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.body()).contains("FreeAgent is not answering").contains("few minutes");
    assertThat(connectionRow(tenant.id).toString()).isEqualTo(before);
    assertThat(newestLinkState(tenant.slug)).isEqualTo("usable");
    JsonObject event = lastEvent(tenant.id);
    assertThat(event.getString("outcome")).isEqualTo("http_503");
    assertThat(event.getString("status_after")).isEqualTo("CONNECTED");
  }

  /**
   * The code exchange answers 200 with a refresh token but no access token: the company cannot be
   * looked up, so nothing is stored and the tenant sees "not answering", as without a refresh
   * token.
   */
  @Test
  void codeExchangeWithoutAccessToken() {
    Tenant tenant = Tenant.connected("flow-noacc", "Flow NoAcc Ltd", "NoAcc Company");
    String before = connectionRow(tenant.id).toString();
    String linkUrl = issueLink(tenant.slug).getString("url");
    TenantBrowser browser = new TenantBrowser();
    String callback =
        browser.decide(browser.pressConnect(linkUrl), newSandboxUser("NoAcc Company Two"), true);

    configureEmulator(
        "{\"faults\":[{\"kind\":\"MISSING_FIELD\",\"scope\":\"TOKEN_ENDPOINT\",\"times\":1}]}");
    HttpResponse<String> page = browser.get(callback);

    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.body()).contains("FreeAgent is not answering");
    assertThat(connectionRow(tenant.id).toString()).isEqualTo(before);
    assertThat(newestLinkState(tenant.slug)).isEqualTo("usable");
    assertThat(lastAttemptOutcome(tenant.id)).isEqualTo("no_access_token");
    assertThat(lastEvent(tenant.id).getString("outcome")).isEqualTo("no_access_token");
  }

  /** A state nobody issued (or not even well-formed) gets the generic "not valid" page. */
  @Test
  void forgedState() {
    Tenant tenant = Tenant.connected("flow-forge", "Flow Forge Ltd", "Forge Company");
    String before = connectionRow(tenant.id).toString();
    String linkUrl = issueLink(tenant.slug).getString("url");
    TenantBrowser browser = new TenantBrowser();
    browser.pressConnect(linkUrl);
    String callback = ItSettings.baseUrl() + "/connect/callback?code=forged-code&state=";

    HttpResponse<String> forged = browser.get(callback + "f".repeat(43));
    HttpResponse<String> garbage = browser.get(callback + "%3Cscript%3E");
    HttpResponse<String> missing = browser.get(ItSettings.baseUrl() + "/connect/callback");

    for (HttpResponse<String> page : new HttpResponse[] {forged, garbage, missing}) {
      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body()).contains("This sign-in attempt is not valid");
      assertThat(page.body()).doesNotContain("<script>");
    }
    assertThat(connectionRow(tenant.id).toString()).isEqualTo(before);
    assertThat(newestLinkState(tenant.slug)).isEqualTo("usable");
  }

  /**
   * The same callback twice from the same browser (a reload of the success page): the second says
   * connected again and changes nothing; the code is not exchanged a second time.
   */
  @Test
  void replayedState() {
    Tenant tenant = Tenant.create("flow-replay", "Flow Replay Ltd");
    TenantBrowser browser = new TenantBrowser();
    String callback =
        browser.decide(
            browser.pressConnect(tenant.linkUrl), newSandboxUser("Replay Company"), true);
    assertThat(browser.get(callback).statusCode()).isEqualTo(200);
    String after = connectionRow(tenant.id).toString();

    HttpResponse<String> replay = browser.get(callback);

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.body()).contains("FreeAgent is connected").contains("Replay Company");
    assertThat(connectionRow(tenant.id).toString()).isEqualTo(after);
  }

  /**
   * Another browser brings a valid state (no cookie, or another cookie): refused, nothing changed,
   * and the attempt stays open for the browser that started it.
   */
  @Test
  void otherBrowser() {
    Tenant tenant = Tenant.connected("flow-other", "Flow Other Ltd", "Other Company");
    String before = connectionRow(tenant.id).toString();
    String linkUrl = issueLink(tenant.slug).getString("url");
    TenantBrowser tenantsBrowser = new TenantBrowser();
    String callback =
        tenantsBrowser.decide(
            tenantsBrowser.pressConnect(linkUrl), newSandboxUser("Other Company Two"), true);
    TenantBrowser noCookie = new TenantBrowser();
    TenantBrowser otherCookie = new TenantBrowser();
    otherCookie.pressConnect(linkUrl);

    HttpResponse<String> withoutCookie = noCookie.get(callback);
    HttpResponse<String> withOtherCookie = otherCookie.get(callback);

    assertThat(withoutCookie.statusCode()).isEqualTo(400);
    assertThat(withoutCookie.body()).contains("This sign-in attempt is not valid");
    assertThat(withOtherCookie.statusCode()).isEqualTo(400);
    assertThat(connectionRow(tenant.id).toString()).isEqualTo(before);
    assertThat(newestLinkState(tenant.slug)).isEqualTo("usable");
    HttpResponse<String> own = tenantsBrowser.get(callback);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).contains("Other Company Two");
  }

  /**
   * FreeAgent rejects Token Warden's client credentials: a neutral page for the tenant, the
   * cluster-wide credential alarm (log and console banner) for the operator, the outcome on the
   * attempt; the tenant's connection and link are unchanged.
   */
  @Test
  void clientCredentialsRejected() {
    Tenant tenant = Tenant.connected("flow-creds", "Flow Creds Ltd", "Creds Company");
    String before = connectionRow(tenant.id).toString();
    String linkUrl = issueLink(tenant.slug).getString("url");
    TenantBrowser browser = new TenantBrowser();
    long user = newSandboxUser("Creds Company Two");
    String callback = browser.decide(browser.pressConnect(linkUrl), user, true);
    HttpResponse<String> page;
    try {
      emulatorClientSecret("rotated-by-the-it");
      resetEmulator();
      page = browser.get(callback);
    } finally {
      emulatorClientSecret(null);
      resetEmulator();
    }

    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.body())
        .contains("problem on our side")
        .doesNotContain("credential")
        .doesNotContain("401");
    assertThat(connectionRow(tenant.id).toString()).isEqualTo(before);
    assertThat(newestLinkState(tenant.slug)).isEqualTo("usable");
    assertThat(lastAttemptOutcome(tenant.id)).isEqualTo("client_credentials_rejected");
    assertThat(serverLog())
        .contains("FreeAgent rejected Token Warden's client credentials")
        .contains("Connecting tenant " + tenant.slug + " failed: client credentials rejected");
  }

  /** No token, code, state, link or binding the suite saw appears in the server's logs. */
  @AfterAll
  static void noSecretInTheServerLog() {
    IssuedSecrets.assertNoneInServerLogs();
  }

  private static void emulatorClientSecret(String value) {
    String query = value == null ? "" : "?value=" + value;
    HttpResponse<String> response =
        ItHttp.send(
            HttpRequest.newBuilder(
                    URI.create(ItHttp.url("/it-probe/emulator-client-secret" + query)))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(response.statusCode()).isEqualTo(204);
  }

  private static JsonObject lastEvent(String tenantId) {
    JsonArray events = ConnectFixture.rows("events", tenantId);
    assertThat(events).isNotEmpty();
    return events.stream()
        .map(JsonObject.class::cast)
        .max(java.util.Comparator.comparing(e -> e.getString("occurred_at")))
        .orElseThrow();
  }

  private static String lastAttemptOutcome(String tenantId) {
    return ConnectFixture.rows("attempts", tenantId).stream()
        .map(JsonObject.class::cast)
        .max(java.util.Comparator.comparing(a -> a.getString("created_at")))
        .orElseThrow()
        .getString("outcome");
  }

  static String serverLog() {
    try {
      return Files.readString(
          Path.of(System.getProperty("tokenwarden.it.logDir"), "messages.log"),
          StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A tenant created through the admin API with its first link. */
  static final class Tenant {
    final String id;
    final String slug;
    final String linkUrl;

    private Tenant(String id, String slug, String linkUrl) {
      this.id = id;
      this.slug = slug;
      this.linkUrl = linkUrl;
    }

    static Tenant create(String prefix, String name) {
      JsonObject json = newTenant(prefix, name);
      String slug = json.getString("slug");
      return new Tenant(json.getString("id"), slug, issueLink(slug).getString("url"));
    }

    /** A tenant already connected to {@code companyName} (its first link is spent). */
    static Tenant connected(String prefix, String name, String companyName) {
      Tenant tenant = create(prefix, name);
      assertThat(tenant.connectAs(newSandboxUser(companyName)).statusCode()).isEqualTo(200);
      assertThat(connectionRow(tenant.id).getString("status"))
          .isEqualTo(ConnectionStatus.CONNECTED.name());
      return tenant;
    }

    HttpResponse<String> connectAs(long user) {
      return new TenantBrowser().connect(linkUrl, user);
    }
  }
}
