package io.tokenwarden.it.connect;

import static io.tokenwarden.it.connect.ConnectFixture.configureEmulator;
import static io.tokenwarden.it.connect.ConnectFixture.connection;
import static io.tokenwarden.it.connect.ConnectFixture.issueLink;
import static io.tokenwarden.it.connect.ConnectFixture.newSandboxUser;
import static io.tokenwarden.it.connect.ConnectFixture.newTenant;
import static io.tokenwarden.it.connect.ConnectFixture.newestLinkState;
import static io.tokenwarden.it.connect.ConnectFixture.resetEmulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenwarden.it.Deployments;
import io.tokenwarden.it.HeadlessChromium;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The tenant's whole path in a real (headless) Chromium: open the link, press Connect, approve at
 * the emulator's FreeAgent page, land on the success page naming the company. Then the stored row
 * must hold ciphertext only and the expiries the emulator's lifetimes give.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectBrowserIT {

  private static final long ACCESS_LIFETIME = 1800;
  private static final long REFRESH_LIFETIME = 30L * 24 * 3600;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application().addClass(ConnectProbe.class);
  }

  private WebDriver browser;

  @BeforeEach
  void startBrowser() throws IOException {
    browser = HeadlessChromium.start();
    resetEmulator();
  }

  @AfterEach
  void stopBrowser(TestInfo test) {
    if (browser != null) {
      screenshot(test.getTestMethod().orElseThrow().getName() + "-end");
      browser.quit();
    }
    resetEmulator();
  }

  /**
   * Create tenant → link → Connect → approve at FreeAgent → success page with the company; the row
   * then holds only ciphertext, and expiries follow the lifetimes the provider returned.
   */
  @Test
  void tenantConnectsInTwoClicks() {
    configureEmulator(
        "{\"accessTokenLifetimeSeconds\":"
            + ACCESS_LIFETIME
            + ",\"refreshTokenLifetimeSeconds\":"
            + REFRESH_LIFETIME
            + "}");
    JsonObject tenant = newTenant("browser", "Browser Bakery Ltd");
    String slug = tenant.getString("slug");
    String linkUrl = issueLink(slug).getString("url");
    long user = newSandboxUser("Browser Bakery Trading");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

    browser.get(linkUrl);
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Browser Bakery Ltd");
    screenshot("landing");
    browser.findElement(By.id("connect")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
    screenshot("approve");
    browser.findElement(By.id("user-" + user)).click();
    Instant approvedAt = Instant.now();
    browser.findElement(By.id("approve")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "FreeAgent is connected"));

    assertThat(browser.findElement(By.id("company")).getText()).isEqualTo("Browser Bakery Trading");
    assertThat(browser.getCurrentUrl()).contains("/connect/callback");
    screenshot("connected");

    JsonObject stored = connection(tenant.getString("id"));
    String accessToken = stored.getString("accessToken");
    String refreshToken = stored.getString("refreshToken");
    JsonObject row = stored.getJsonArray("rows").getJsonObject(0);
    assertThat(row.getString("status")).isEqualTo("CONNECTED");
    assertThat(row.getString("company_name")).isEqualTo("Browser Bakery Trading");
    assertThat(accessToken).isNotBlank();
    assertThat(refreshToken).isNotBlank();
    for (Map.Entry<String, JsonValue> column : row.entrySet()) {
      assertThat(column.getValue().toString())
          .as("column " + column.getKey() + " holds no token")
          .doesNotContain(accessToken)
          .doesNotContain(refreshToken);
    }
    assertThat(row.getString("access_token_ciphertext")).startsWith("v1:");
    assertThat(row.getString("refresh_token_ciphertext")).startsWith("v1:");
    Instant accessExpires = Instant.parse(row.getString("access_expires_at"));
    Instant refreshExpires = Instant.parse(row.getString("refresh_expires_at"));
    Instant nextRefresh = Instant.parse(row.getString("next_refresh_at"));
    assertThat(accessExpires)
        .isCloseTo(approvedAt.plusSeconds(ACCESS_LIFETIME), within(60, ChronoUnit.SECONDS));
    assertThat(refreshExpires)
        .isCloseTo(approvedAt.plusSeconds(REFRESH_LIFETIME), within(60, ChronoUnit.SECONDS));
    // lead = max(5 min, 25 % of 30 min) = 7.5 min, jitter ±10 % of the lead
    assertThat(nextRefresh)
        .isBetween(accessExpires.minusSeconds(495), accessExpires.minusSeconds(405));
    assertThat(newestLinkState(slug)).isEqualTo("used");
  }

  /** Deny at FreeAgent in the browser: the declined page, and the link still works. */
  @Test
  void tenantDeniesAccess() {
    JsonObject tenant = newTenant("browser-deny", "Browser Deny Ltd");
    String slug = tenant.getString("slug");
    String linkUrl = issueLink(slug).getString("url");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

    browser.get(linkUrl);
    browser.findElement(By.id("connect")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("deny"))).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "You did not allow access"));

    assertThat(newestLinkState(slug)).isEqualTo("usable");
    assertThat(
            connection(tenant.getString("id"))
                .getJsonArray("rows")
                .getJsonObject(0)
                .getString("status"))
        .isEqualTo("PENDING");
    browser.get(linkUrl);
    assertThat(browser.findElement(By.id("connect")).isDisplayed()).isTrue();
  }

  /**
   * A tenant who pressed Deny by mistake presses Try again, approves, and connects; reloading the
   * success page still says connected (it used to say the sign-in was not valid). The pages carry
   * no "Token Warden" and say until when the link works.
   */
  @Test
  void deniedTenantTriesAgainAndReloadStaysConnected() {
    JsonObject tenant = newTenant("browser-again", "Browser Again Ltd");
    String slug = tenant.getString("slug");
    String linkUrl = issueLink(slug).getString("url");
    long user = newSandboxUser("Browser Again Trading");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

    browser.get(linkUrl);
    assertThat(browser.findElement(By.id("expiry")).getText()).contains("UTC (in 7 days)");
    assertThat(browser.getPageSource()).doesNotContain("Nobody else can use this link");
    assertThat(browser.getTitle()).doesNotContain("Token Warden");
    browser.findElement(By.id("connect")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("deny"))).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "You did not allow access"));
    screenshot("denied");

    browser.findElement(By.id("tryAgain")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
    browser.findElement(By.id("user-" + user)).click();
    browser.findElement(By.id("approve")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "FreeAgent is connected"));

    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "FreeAgent is connected"));
    assertThat(browser.findElement(By.id("company")).getText()).isEqualTo("Browser Again Trading");
    assertThat(browser.getTitle()).doesNotContain("Token Warden");
    assertThat(newestLinkState(slug)).isEqualTo("used");
  }

  /** No token, code, state, link or binding the suite saw appears in the server's logs. */
  @AfterAll
  static void noSecretInTheServerLog() {
    IssuedSecrets.assertNoneInServerLogs();
  }

  private void screenshot(String name) {
    try {
      HeadlessChromium.screenshot(browser, "ConnectBrowserIT-" + name + ".png");
    } catch (IOException | RuntimeException e) {
      // a missing screenshot must not hide the test's own result
    }
  }
}
