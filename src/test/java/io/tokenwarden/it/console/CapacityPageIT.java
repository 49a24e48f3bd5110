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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The capacity page in headless Chromium: reached from the navigation, it answers "will the
 * refreshes fit" in one line, draws its two charts, lists an accountant behind three tenants due in
 * one minute as sharing one window without a collision, and one behind sixteen as colliding, which
 * turns the verdict from "fits" to "delayed". The figures are fleet-wide, so the test asserts what
 * its own seeded rows guarantee, whatever other tests left in the database.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CapacityPageIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application().addClass(ConsoleSeedServlet.class);
  }

  private static WebDriver driver;
  private static WebDriverWait wait;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startBrowser() throws Exception {
    driver = HeadlessChromium.start();
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterAll
  static void quitBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void answersWhetherRefreshesFitAndShowsSharedUsers() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String accountant = "accountant-" + suffix + "@example.com";
    seed(
        "scenario=shared-user&prefix=cap-"
            + suffix
            + "&email="
            + accountant
            + "&count=3&minutesAhead=30");

    signIn();
    wait.until(
        d -> {
          d.findElement(By.id("navCapacity")).click();
          return true;
        });
    wait.until(d -> !d.findElements(By.id("verdict")).isEmpty());

    assertThat(driver.getTitle()).startsWith("Capacity");
    assertThat(driver.findElement(By.id("navCapacity")).getAttribute("aria-current"))
        .isEqualTo("page");
    assertThat(text("verdict")).matches("^(Yes|Mostly|Behind|No): .*refreshes.*");
    assertThat(chartDatasets("dueChart")).isGreaterThanOrEqualTo(3);
    assertThat(chartDatasets("outcomeChart")).isEqualTo(3);
    assertThat(sharedRow(accountant))
        .contains("3")
        .containsPattern("No: 3 due at \\d{2}:\\d{2} UTC, and 3 tenants cannot exceed 15 a minute");
    assertThat(Long.parseLong(text("dueNextHour"))).isGreaterThanOrEqualTo(3);
    assertThat(Long.parseLong(text("expiring14"))).isGreaterThanOrEqualTo(3);
    assertThat(Long.parseLong(text("expiring30")))
        .isGreaterThanOrEqualTo(Long.parseLong(text("expiring14")));
    assertThat(Long.parseLong(text("rateLimited"))).isPositive();
    assertThat(Long.parseLong(text("succeeded"))).isPositive();
    assertThat(text("needsReconnect")).matches("\\d+");
    assertThat(text("schedulerLag")).isNotBlank();

    String crowd = "crowd-" + suffix + "@example.com";
    seed(
        "scenario=shared-user&prefix=crd-"
            + suffix
            + "&email="
            + crowd
            + "&count=16&minutesAhead=40");
    driver.navigate().refresh();
    wait.until(d -> sharedRow(crowd).contains("16"));

    assertThat(sharedRow(crowd))
        .containsPattern("Yes: 16 due at \\d{2}:\\d{2} UTC; 1 wait for the next minute");
    assertThat(Long.parseLong(text("overLimit"))).isPositive();
    assertThat(text("verdict")).matches("^(Mostly|No): .*");
    assertThat(driver.findElement(By.id("verdict")).getAttribute("class"))
        .doesNotContain("tw-verdict-fits");
    driver.manage().window().setSize(new Dimension(1600, 2100)); // the whole page, for the README
    HeadlessChromium.screenshot(driver, "capacity.png");
  }

  /** How many datasets Chart.js drew on the chart's canvas; -1 when no chart was drawn. */
  private static long chartDatasets(String id) {
    return wait.until(
        d -> {
          Object count =
              ((JavascriptExecutor) d)
                  .executeScript(
                      "var canvas = document.getElementById(arguments[0]).querySelector('canvas');"
                          + "var chart = canvas && window.Chart && Chart.getChart(canvas);"
                          + "return chart && canvas.width > 0 ? chart.data.datasets.length : null;",
                      id);
          return count == null ? null : ((Number) count).longValue();
        });
  }

  private static String sharedRow(String userKey) {
    return wait.until(
        d ->
            d.findElement(
                    By.xpath(
                        "//table[@id='sharedUsers']//tr[.//span[@class='tw-user-key' and"
                            + " normalize-space()='"
                            + userKey
                            + "']]"))
                .getText());
  }

  private static String text(String id) {
    return wait.until(d -> d.findElement(By.id(id)).getText().strip());
  }

  private static void signIn() {
    driver.get(ItSettings.baseUrl() + "/admin/");
    wait.until(d -> d.getCurrentUrl().contains("/login.xhtml"));
    driver.findElement(By.id("login:username")).sendKeys(ConsoleIT.ADMIN);
    driver.findElement(By.id("login:password")).sendKeys(ConsoleIT.ADMIN_PASSWORD);
    driver.findElement(By.id("login:signIn")).click();
    wait.until(d -> !d.findElements(By.id("navCapacity")).isEmpty());
  }

  private void seed(String query) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(ItSettings.baseUrl() + "/it-probe/console-seed?" + query))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("seed " + query).isEqualTo(200);
  }
}
