package io.tokenwarden.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.it.Deployments;
import io.tokenwarden.it.HeadlessChromium;
import io.tokenwarden.it.ItSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The encryption page in headless Chromium: an operator sees the primary key and the older ones by
 * id, how many connections still use an older key, and never any key material.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EncryptionPageIT {

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
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterAll
  static void quitBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  /** Reached from the navigation; key ids and counts shown, the keys themselves never. */
  @Test
  void showsKeyIdsAndUsageButNoKeyMaterial() {
    driver.get(ItSettings.baseUrl() + "/admin/");
    wait.until(d -> d.getCurrentUrl().contains("/login.xhtml"));
    driver.findElement(By.id("login:username")).sendKeys(ConsoleIT.ADMIN);
    driver.findElement(By.id("login:password")).sendKeys(ConsoleIT.ADMIN_PASSWORD);
    driver.findElement(By.id("login:signIn")).click();
    wait.until(d -> !d.findElements(By.id("navEncryption")).isEmpty());

    wait.until(
        d -> {
          d.findElement(By.id("navEncryption")).click();
          return true;
        });
    wait.until(d -> !d.findElements(By.id("primaryKey")).isEmpty());

    assertThat(driver.getTitle()).startsWith("Encryption keys");
    assertThat(driver.findElement(By.id("primaryKey")).getText()).isEqualTo("it2");
    assertThat(driver.findElement(By.id("olderKeys")).getText()).isEqualTo("it1");
    assertThat(Long.parseLong(driver.findElement(By.id("withTokens")).getText())).isNotNegative();
    assertThat(Long.parseLong(driver.findElement(By.id("underOlderKeys")).getText()))
        .isNotNegative();
    String page = driver.getPageSource();
    for (String key : configuredKeyMaterial()) {
      assertThat(page).doesNotContain(key);
    }
  }

  /** The base64 keys the IT server was given (arquillian.xml), to prove none reaches the page. */
  private static List<String> configuredKeyMaterial() {
    String arquillian;
    try {
      arquillian =
          new String(
              EncryptionPageIT.class.getResourceAsStream("/arquillian.xml").readAllBytes(),
              StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher keys =
        Pattern.compile("tokenwarden\\.crypto\\.keys=(\\S+?)(?:<|\\s)").matcher(arquillian);
    assertThat(keys.find()).isTrue();
    List<String> material = new ArrayList<>();
    for (String entry : keys.group(1).split(",")) {
      material.add(entry.substring(entry.indexOf(':') + 1));
    }
    assertThat(material).hasSize(2);
    return material;
  }
}
