package io.tokenwarden.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.it.Deployments;
import io.tokenwarden.it.HeadlessChromium;
import io.tokenwarden.it.ItSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in headless Chromium: signing in and out, the tenants table with tenants in
 * every status, filtering, paging and live updates, a tenant's page, creating a tenant, the users
 * page, and a VIEWER who can change nothing even with a forged POST. One browser serves the class;
 * each test starts signed out and seeds its own tenants under a unique prefix.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleIT {

  static final String ADMIN = "itadmin";
  static final String ADMIN_PASSWORD = "it-admin-password-0123";

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

  @BeforeEach
  void signedOut() {
    driver.get(base() + "/login.xhtml");
    driver.manage().deleteAllCookies();
  }

  /** An unauthenticated visit lands on the login page; a wrong password says so in words. */
  @Test
  void unauthenticatedVisitLandsOnLoginAndWrongPasswordIsRefused() {
    driver.get(base() + "/admin/");
    wait.until(d -> d.getCurrentUrl().contains("/login.xhtml"));

    fillSignIn(ADMIN, "not-the-password-at-all");

    wait.until(d -> bodyText().contains("Wrong user name or password"));
    assertThat(driver.getCurrentUrl()).doesNotContain("/admin/");
  }

  /** Five wrong passwords lock the name: even a sixth attempt is told to wait, with a time. */
  @Test
  void repeatedFailuresLockTheName() {
    String ghost = "ghost-" + suffix();
    for (int i = 0; i < 5; i++) {
      driver.get(base() + "/login.xhtml");
      fillSignIn(ghost, "wrong-password-" + i);
      wait.until(d -> bodyText().contains("Wrong user name") || bodyText().contains("Too many"));
    }
    assertThat(bodyText()).contains("Too many failed sign-ins").contains("UTC");
  }

  /**
   * The console and login page carry CSP with a nonce, no framing, no sniffing, same-origin
   * referrers.
   */
  @Test
  void securityHeadersAndRedirectToLogin() throws Exception {
    HttpResponse<String> login = get("/login.xhtml");
    assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(login.headers().firstValue("Referrer-Policy")).contains("same-origin");
    assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("frame-ancestors 'none'")
        .contains("'nonce-");

    HttpResponse<String> console = get("/admin/");
    assertThat(console.statusCode()).isEqualTo(302);
    assertThat(console.headers().firstValue("Location").orElse("")).contains("/login.xhtml");
  }

  /** Every status shows its word, icon class and the connection's values in the right columns. */
  @Test
  void tenantsTableShowsEveryStatusWithItsValues() throws Exception {
    String prefix = "st-" + suffix();
    seed("scenario=statuses&prefix=" + prefix);
    signIn(ADMIN, ADMIN_PASSWORD);

    search(prefix);
    wait.until(d -> rows().size() == 6);

    assertThat(row(prefix + "-connected"))
        .contains("Connected", "Company " + prefix + " connected", "Expires soon", "3 h ago")
        .containsPattern("in (49|50) min")
        .contains("in 40 min");
    assertThat(row(prefix + "-refresh-failing"))
        .contains("Refresh failing", "FreeAgent answered 503")
        .containsPattern("\\s2\\s");
    assertThat(row(prefix + "-throttled"))
        .contains("Throttled", "FreeAgent answered 429")
        .containsPattern("in (29|30) min");
    assertThat(row(prefix + "-needs-reconnect"))
        .contains("Needs reconnect", "The grant was revoked");
    assertThat(row(prefix + "-disconnected")).contains("Disconnected");
    assertThat(row(prefix + "-pending")).contains("Pending", "—");
    for (String status :
        List.of("PENDING", "CONNECTED", "REFRESH_FAILING", "THROTTLED", "NEEDS_RECONNECT")) {
      String count =
          driver.findElement(By.cssSelector("[data-status='" + status + "'] strong")).getText();
      assertThat(Long.parseLong(count)).as(status).isPositive();
    }
    HeadlessChromium.screenshot(driver, "tenants.png");
  }

  /** Text and status filters narrow the table; the paginator pages through the server's rows. */
  @Test
  void filteringAndPaging() throws Exception {
    String statuses = "fs-" + suffix();
    seed("scenario=statuses&prefix=" + statuses);
    String bulk = "pg-" + suffix();
    seed("scenario=bulk&prefix=" + bulk + "&count=30");
    signIn(ADMIN, ADMIN_PASSWORD);

    search(bulk);
    wait.until(d -> paginatorText().equals("1–25 of 30 tenants"));
    assertThat(rows()).hasSize(25);
    driver.findElement(By.cssSelector(".ui-paginator-next")).click();
    wait.until(d -> paginatorText().equals("26–30 of 30 tenants"));
    assertThat(rows()).hasSize(5);
    assertThat(row(bulk + "-00029")).contains("Pending");

    search(statuses);
    wait.until(d -> rows().size() == 6);
    driver.findElement(By.cssSelector("[data-status='THROTTLED']")).click();
    wait.until(d -> rows().size() == 1 && rowsText().contains(statuses + "-throttled"));
  }

  /** Polling refreshes the rows while the operator stays on the same page with the same filter. */
  @Test
  void liveUpdateKeepsPageAndFilter() throws Exception {
    String bulk = "lv-" + suffix();
    seed("scenario=bulk&prefix=" + bulk + "&count=30");
    signIn(ADMIN, ADMIN_PASSWORD);
    search(bulk);
    wait.until(d -> paginatorText().equals("1–25 of 30 tenants"));
    driver.findElement(By.cssSelector(".ui-paginator-next")).click();
    wait.until(d -> paginatorText().equals("26–30 of 30 tenants"));

    seed("scenario=fail&slug=" + bulk + "-00027");

    wait.until(d -> row(bulk + "-00027").contains("Refresh failing"));
    assertThat(row(bulk + "-00027")).contains("FreeAgent answered 502");
    assertThat(paginatorText()).isEqualTo("26–30 of 30 tenants");
    assertThat(driver.findElement(By.id("tenantsForm:search")).getAttribute("value"))
        .isEqualTo(bulk);
  }

  /** 2,000 tenants: the page holds one page of rows and the paginator knows the total. */
  @Test
  void twoThousandTenantsRenderOnePage() throws Exception {
    String big = "big-" + suffix();
    seed("scenario=bulk&prefix=" + big + "&count=2000");
    signIn(ADMIN, ADMIN_PASSWORD);

    search(big);
    wait.until(d -> paginatorText().equals("1–25 of 2000 tenants"));
    assertThat(rows()).hasSize(25);
    assertThat(driver.getPageSource()).doesNotContain(big + "-00025");
    driver.findElement(By.cssSelector(".ui-paginator-last")).click();
    wait.until(d -> paginatorText().equals("1976–2000 of 2000 tenants"));
    assertThat(rows()).hasSize(25);
    assertThat(row(big + "-01999")).contains("Bulk 1999");
  }

  /** A tenant's page shows its facts and audit trail; renaming reports the result. */
  @Test
  void tenantPageShowsFactsAuditTrailAndRenames() throws Exception {
    String prefix = "tp-" + suffix();
    seed("scenario=statuses&prefix=" + prefix);
    signIn(ADMIN, ADMIN_PASSWORD);
    search(prefix);
    wait.until(d -> rows().size() == 6);

    driver.findElement(By.linkText(prefix + "-refresh-failing")).click();

    wait.until(d -> d.getCurrentUrl().contains("/admin/tenant.xhtml"));
    assertThat(textOf("status")).contains("Refresh failing");
    assertThat(textOf("company")).contains("Company " + prefix + " refresh-failing");
    assertThat(textOf("failures")).isEqualTo("2");
    assertThat(textOf("lastError")).contains("FreeAgent answered 503").contains("http_503");
    assertThat(driver.findElements(By.xpath("//tbody[@id='auditForm:audit_data']/tr"))).hasSize(3);
    assertThat(bodyText()).contains("seeded event 0");
    HeadlessChromium.screenshot(driver, "tenant.png");

    WebElement name = driver.findElement(By.id("actions:newName"));
    name.clear();
    name.sendKeys("Renamed Ltd");
    driver.findElement(By.id("actions:rename")).click();
    wait.until(d -> bodyText().contains("Renamed to Renamed Ltd."));
    assertThat(textOf("tenantName")).isEqualTo("Renamed Ltd");
  }

  /**
   * The create dialog explains a bad or taken slug and creates a PENDING tenant from a good one.
   */
  @Test
  void createTenantValidatesAndCreates() throws Exception {
    String slug = "new-" + suffix();
    signIn(ADMIN, ADMIN_PASSWORD);

    openCreateDialog();
    type("createForm:newSlug", "Not A Slug");
    type("createForm:newName", "New Co");
    driver.findElement(By.id("createForm:create")).click();
    wait.until(d -> bodyText().contains("Slug may contain only lowercase letters"));

    type("createForm:newSlug", slug);
    driver.findElement(By.id("createForm:create")).click();
    wait.until(d -> textOf("createSlugResult").equals(slug));
    assertThat(seedGet("exists=" + slug)).isEqualTo("true");

    driver.findElement(By.id("createForm:another")).click();
    wait.until(d -> !d.findElements(By.id("createForm:newSlug")).isEmpty());
    type("createForm:newSlug", slug);
    type("createForm:newName", "Same Slug Co");
    driver.findElement(By.id("createForm:create")).click();
    wait.until(d -> bodyText().contains("is already taken"));
  }

  /**
   * A tenant created in the console gets an onboarding link that works: the tenant connects through
   * the emulator, the console shows it Connected, and "Refresh now" moves its last refresh and adds
   * a MANUAL line to the audit trail.
   */
  @Test
  void createdTenantsLinkConnectsAndRefreshNowRefreshes() throws Exception {
    String slug = "lnk-" + suffix();
    signIn(ADMIN, ADMIN_PASSWORD);
    openCreateDialog();
    type("createForm:newSlug", slug);
    type("createForm:newName", "Linked Ltd");
    driver.findElement(By.id("createForm:create")).click();
    wait.until(d -> textOf("createSlugResult").equals(slug));
    driver.findElement(By.id("createForm:createLink")).click();
    String url =
        wait.until(
            d -> {
              String value =
                  d.findElement(By.id("createForm:createdLinkUrl")).getAttribute("value");
              return value != null && value.contains("/connect/") ? value : null;
            });

    driver.get(url);
    wait.until(d -> textOf("tenant").equals("Linked Ltd"));
    driver.findElement(By.id("connect")).click();
    wait.until(d -> !d.findElements(By.id("approve")).isEmpty());
    driver.findElement(By.id("approve")).click();
    wait.until(d -> bodyText().contains("All done"));

    driver.get(base() + "/admin/");
    search(slug);
    wait.until(d -> row(slug).contains("Connected"));
    driver.findElement(By.linkText(slug)).click();
    wait.until(d -> d.getCurrentUrl().contains("/admin/tenant.xhtml"));
    assertThat(textOf("status")).contains("Connected");
    String before = driver.findElement(By.id("lastRefresh")).getAttribute("title");

    driver.findElement(By.id("actions:refreshNow")).click();

    wait.until(d -> bodyText().contains("Refreshed."));
    wait.until(d -> !d.findElement(By.id("lastRefresh")).getAttribute("title").equals(before));
    assertThat(driver.findElement(By.id("auditForm:audit_data")).getText()).contains("MANUAL");
  }

  /**
   * A VIEWER (added on the users page) sees tenants but no action; a forged delete POST does not
   * delete, and a POST to the users page is refused outright.
   */
  @Test
  void viewerSeesNoActionAndForgedPostsAreRefused() throws Exception {
    String prefix = "vw-" + suffix();
    seed("scenario=statuses&prefix=" + prefix);
    String viewer = "viewer-" + suffix();
    String viewerPassword = "viewer-password-" + suffix();
    signIn(ADMIN, ADMIN_PASSWORD);
    driver.findElement(By.id("navUsers")).click();
    wait.until(d -> d.getCurrentUrl().contains("/admin/users.xhtml"));
    type("addUser:username", viewer);
    type("addUser:password", viewerPassword);
    driver.findElement(By.id("addUser:add")).click();
    wait.until(d -> bodyText().contains("User " + viewer + " added as VIEWER."));
    assertThat(driver.getPageSource()).doesNotContain("PBKDF2");
    signOut();

    signIn(viewer, viewerPassword);
    assertThat(driver.findElements(By.id("tenantsForm:newTenant"))).isEmpty();
    assertThat(driver.findElements(By.id("navUsers"))).isEmpty();
    search(prefix);
    wait.until(d -> rows().size() == 6);
    driver.findElement(By.linkText(prefix + "-connected")).click();
    wait.until(d -> d.getCurrentUrl().contains("/admin/tenant.xhtml"));
    assertThat(textOf("status")).contains("Connected");
    assertThat(driver.findElements(By.id("actions:delete"))).isEmpty();
    assertThat(driver.findElements(By.id("adminActions"))).isEmpty();

    String page = driver.getPageSource();
    String action = attribute(page, "<form id=\"auditForm\"[^>]*action=\"([^\"]+)\"");
    String viewState = attribute(page, "name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    String nonce = attribute(page, "PrimeFaces\\.csp\\.init\\('([^']+)'\\)");
    HttpResponse<String> forged =
        post(
            action.replace("&amp;", "&"),
            "auditForm=auditForm&actions=actions&actions%3Adelete=actions%3Adelete"
                + "&jakarta.faces.ViewState="
                + URLEncoder.encode(viewState, StandardCharsets.UTF_8)
                + "&primefaces.nonce="
                + URLEncoder.encode(nonce, StandardCharsets.UTF_8));
    assertThat(forged.statusCode()).isEqualTo(200);
    assertThat(seedGet("exists=" + prefix + "-connected")).isEqualTo("true");

    HttpResponse<String> usersPost =
        post("/admin/users.xhtml", "addUser=addUser&addUser%3Aadd=addUser%3Aadd");
    assertThat(usersPost.statusCode()).isEqualTo(403);
    assertThat(usersPost.body()).contains("Not allowed");
  }

  /** Signing out ends the session: the console asks for a sign-in again. */
  @Test
  void signOutEndsTheSession() {
    signIn(ADMIN, ADMIN_PASSWORD);
    signOut();
    assertThat(bodyText()).contains("You are signed out.");
    driver.get(base() + "/admin/");
    wait.until(d -> d.getCurrentUrl().contains("/login.xhtml"));
  }

  // --- helpers ---

  private static String base() {
    return ItSettings.baseUrl();
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private void signIn(String user, String password) {
    driver.get(base() + "/admin/");
    wait.until(d -> d.getCurrentUrl().contains("/login.xhtml"));
    fillSignIn(user, password);
    wait.until(
        d ->
            d.getCurrentUrl().contains("/admin/")
                && !d.findElements(By.id("tenantsForm")).isEmpty());
  }

  private void fillSignIn(String user, String password) {
    type("login:username", user);
    type("login:password", password);
    driver.findElement(By.id("login:signIn")).click();
  }

  private void signOut() {
    driver.findElement(By.id("signOutForm:signOut")).click();
    wait.until(d -> d.getCurrentUrl().contains("/login.xhtml"));
  }

  private void openCreateDialog() {
    driver.findElement(By.id("tenantsForm:newTenant")).click();
    wait.until(d -> d.findElement(By.id("createForm:newSlug")).isDisplayed());
  }

  private void search(String text) {
    WebElement search = driver.findElement(By.id("tenantsForm:search"));
    search.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
    wait.until(d -> rowsText().contains(text) || rowsText().contains("No tenant matches"));
    waitForAjax();
  }

  private void type(String id, String text) {
    WebElement input = driver.findElement(By.id(id));
    input.clear();
    input.sendKeys(text);
  }

  private void waitForAjax() {
    wait.until(
        d ->
            (Boolean)
                ((JavascriptExecutor) d)
                    .executeScript(
                        "return !!window.PrimeFaces && PrimeFaces.ajax.Queue.isEmpty();"));
  }

  private static List<WebElement> rows() {
    return driver.findElements(
        By.xpath(
            "//tbody[@id='tenantsForm:tenants_data']/tr[not(contains(@class,'ui-datatable-empty-message'))]"));
  }

  private static String rowsText() {
    return driver.findElement(By.id("tenantsForm:tenants_data")).getText();
  }

  private static String row(String slug) {
    return wait.until(
        d ->
            d.findElement(
                    By.xpath(
                        "//tbody[@id='tenantsForm:tenants_data']/tr[.//a[normalize-space()='"
                            + slug
                            + "']]"))
                .getText());
  }

  private static String paginatorText() {
    return driver
        .findElement(By.cssSelector("#tenantsForm\\:tenants .ui-paginator-current"))
        .getText();
  }

  private static String textOf(String id) {
    return wait.until(d -> d.findElement(By.id(id)).getText().strip());
  }

  private static String bodyText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  private static String attribute(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A POST carrying the browser's cookies: what a forged request from the same session sends. */
  private HttpResponse<String> post(String path, String form) throws Exception {
    String cookies =
        driver.manage().getCookies().stream()
            .map(Cookie::toString)
            .map(c -> c.substring(0, c.indexOf(';')))
            .collect(Collectors.joining("; "));
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", cookies)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void seed(String query) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/it-probe/console-seed?" + query))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("seed " + query).isEqualTo(200);
  }

  private String seedGet(String query) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base() + "/it-probe/console-seed?" + query))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
