package io.tokenwarden.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.it.Deployments;
import io.tokenwarden.it.HeadlessChromium;
import io.tokenwarden.it.ItSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's webhook pages in a headless browser: a bad URL is refused beside its field; an
 * endpoint is added with its secret shown once, disabled and enabled, its secret rotated (shown
 * once again) and deleted; a tenant connected through its link shows the delivery of its
 * connection.connected on its page (failing: nothing listens at the URL), and Redeliver queues it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebhooksConsoleIT {

  /** Nothing listens here: every delivery fails with "No answer". */
  private static final String DEAD_URL = "http://127.0.0.1:9/token-warden-it";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  private static WebDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void startBrowser() throws Exception {
    driver = HeadlessChromium.start();
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    // A click meant for an element that is still moving (scrolled into view, a dialog opening)
    // or covered for a moment is refused by Chrome before it reaches the page: try it again.
    wait.ignoring(StaleElementReferenceException.class, ElementClickInterceptedException.class);
  }

  @AfterAll
  static void quitBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void endpointsAreManagedAndDeliveriesShownOnTheTenantPage() throws Exception {
    signIn();
    driver.get(base() + "/admin/webhooks.xhtml");
    wait.until(d -> !d.findElements(By.id("createEndpoint:url")).isEmpty());
    assertThat(driver.findElement(By.id("navWebhooks")).getAttribute("aria-current"))
        .isEqualTo("page");

    type("createEndpoint:url", "ftp://example.test/hook");
    click(By.id("createEndpoint:create"));
    wait.until(d -> bodyText().contains("absolute http:// or https:// URL"));
    assertThat(driver.findElements(By.id("secretForm:issuedSecret"))).isEmpty();

    String description = "Console IT " + UUID.randomUUID().toString().substring(0, 8);
    type("createEndpoint:url", DEAD_URL);
    type("createEndpoint:description", description);
    click(By.id("createEndpoint:create"));
    String secret = issuedSecret();
    assertThat(row(description)).contains(DEAD_URL).contains("every event").contains("Enabled");
    click(By.id("secretForm:dismissSecret"));
    wait.until(d -> d.findElements(By.id("secretForm:issuedSecret")).isEmpty());
    assertThat(driver.getPageSource()).doesNotContain(secret);

    clickInRow(description, "Disable");
    wait.until(d -> row(description).contains("Disabled"));
    clickInRow(description, "Enable");
    wait.until(d -> row(description).contains("Enabled"));

    clickInRow(description, "Rotate secret");
    confirm();
    String rotated = issuedSecret();
    assertThat(rotated).isNotEqualTo(secret);
    wait.until(d -> row(description).contains("previous secret signs until"));

    // A tenant connected now gets a connection.connected delivery to the endpoint.
    String slug = "hookui-" + UUID.randomUUID().toString().substring(0, 8);
    String link = tenantWithLink(slug);
    driver.get(link);
    wait.until(d -> !d.findElements(By.id("connect")).isEmpty());
    click(By.id("connect"));
    wait.until(d -> !d.findElements(By.id("approve")).isEmpty());
    click(By.id("approve"));
    wait.until(d -> bodyText().contains("All done"));

    driver.get(base() + "/admin/tenant.xhtml?slug=" + slug);
    // Each pass reloads the card and reads it only once that AJAX update has replaced it, so the
    // text read is the text the condition saw (reading after the loop raced the last reload).
    String card =
        new WebDriverWait(driver, Duration.ofSeconds(60))
            .ignoring(StaleElementReferenceException.class)
            .until(
                d -> {
                  click(By.id("webhooksForm:reloadDeliveries"));
                  waitForAjax();
                  String text = d.findElement(By.id("webhooksForm:deliveries_data")).getText();
                  return text.contains("connection.connected") && text.contains("FAILED")
                      ? text
                      : null;
                });
    assertThat(card).contains(DEAD_URL).contains("No answer");
    click(
        By.xpath(
            "//tbody[@id='webhooksForm:deliveries_data']//button[.//span[text()='Redeliver']]"));
    wait.until(d -> bodyText().contains("Delivery queued again"));

    driver.get(base() + "/admin/webhooks.xhtml");
    clickInRow(description, "Delete");
    confirm();
    wait.until(d -> !bodyText().contains(description));
  }

  private static String issuedSecret() {
    return wait.until(
        d -> {
          java.util.List<WebElement> found = d.findElements(By.id("secretForm:issuedSecret"));
          String value = found.isEmpty() ? null : found.get(0).getAttribute("value");
          return value != null && value.startsWith("whsec_") ? value : null;
        });
  }

  /** Creates a tenant and its first link through the admin API; returns the link's URL. */
  private static String tenantWithLink(String slug) throws Exception {
    HttpResponse<String> tenant =
        adminPost("/api/v1/tenants", "{\"slug\":\"" + slug + "\",\"displayName\":\"Hook UI\"}");
    assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
    HttpResponse<String> link = adminPost("/api/v1/tenants/" + slug + "/onboarding-links", "");
    assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
    Matcher url = Pattern.compile("\"url\":\"([^\"]+)\"").matcher(link.body());
    assertThat(url.find()).isTrue();
    return url.group(1);
  }

  private static HttpResponse<String> adminPost(String path, String json) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer tw_it-admin-key-0123456789abcdef")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static void signIn() {
    driver.get(base() + "/admin/");
    wait.until(d -> d.getCurrentUrl().contains("/login.xhtml"));
    type("login:username", ConsoleIT.ADMIN);
    type("login:password", ConsoleIT.ADMIN_PASSWORD);
    click(By.id("login:signIn"));
    wait.until(d -> !d.findElements(By.id("tenantsForm")).isEmpty());
  }

  /** The row's text, read again if an AJAX update replaces the row while it is being read. */
  private static String row(String description) {
    By row =
        By.xpath(
            "//tbody[@id='endpointsForm:endpoints_data']/tr[td[normalize-space()='"
                + description
                + "']]");
    return wait.until(d -> d.findElement(row).getText());
  }

  private static void clickInRow(String description, String button) {
    click(
        By.xpath(
            "//tbody[@id='endpointsForm:endpoints_data']/tr[td[normalize-space()='"
                + description
                + "']]//button[.//span[text()='"
                + button
                + "']]"));
    waitForAjax();
  }

  private static void confirm() {
    click(By.cssSelector(".ui-confirmdialog-yes"));
    waitForAjax();
  }

  private static void click(By by) {
    wait.until(
        d -> {
          WebElement element = d.findElement(by);
          if (!element.isDisplayed() || !element.isEnabled()) {
            return false;
          }
          element.click();
          return true;
        });
  }

  private static void type(String id, String text) {
    WebElement input = driver.findElement(By.id(id));
    input.clear();
    input.sendKeys(text);
  }

  private static void waitForAjax() {
    wait.until(
        d ->
            (Boolean)
                ((JavascriptExecutor) d)
                    .executeScript(
                        "return !!window.PrimeFaces && PrimeFaces.ajax.Queue.isEmpty();"));
  }

  private static String bodyText() {
    return PageText.body(driver);
  }

  private static String base() {
    return ItSettings.baseUrl();
  }
}
