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
import org.openqa.selenium.ElementClickInterceptedException;
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
    click(By.cssSelector(".ui-paginator-next"));
    wait.until(d -> paginatorText().equals("26–30 of 30 tenants"));
    assertThat(rows()).hasSize(5);
    assertThat(row(bulk + "-00029")).contains("Pending");

    search(statuses);
    wait.until(d -> rows().size() == 6);
    click(By.cssSelector("[data-status='THROTTLED']"));
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
    click(By.cssSelector(".ui-paginator-next"));
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
    click(By.cssSelector(".ui-paginator-last"));
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

    click(By.linkText(prefix + "-refresh-failing"));

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
    click(By.id("actions:rename"));
    wait.until(d -> bodyText().contains("Renamed to Renamed Ltd."));
    assertThat(textOf("tenantName")).isEqualTo("Renamed Ltd");
    wait.until(
        d ->
            d.findElement(By.id("auditForm:audit_data"))
                .getText()
                .contains("to Renamed Ltd by console user " + ADMIN));
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
    click(By.id("createForm:create"));
    wait.until(d -> bodyText().contains("Slug may contain only lowercase letters"));

    type("createForm:newSlug", slug);
    click(By.id("createForm:create"));
    wait.until(d -> textOf("createSlugResult").equals(slug));
    assertThat(seedGet("exists=" + slug)).isEqualTo("true");

    click(By.id("createForm:another"));
    wait.until(d -> !d.findElements(By.id("createForm:newSlug")).isEmpty());
    type("createForm:newSlug", slug);
    type("createForm:newName", "Same Slug Co");
    click(By.id("createForm:create"));
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
    click(By.id("createForm:create"));
    wait.until(d -> textOf("createSlugResult").equals(slug));
    click(By.id("createForm:createLink"));
    String url =
        wait.until(
            d -> {
              String value =
                  d.findElement(By.id("createForm:createdLinkUrl")).getAttribute("value");
              return value != null && value.contains("/connect/") ? value : null;
            });

    driver.get(url);
    wait.until(d -> textOf("tenant").equals("Linked Ltd"));
    click(By.id("connect"));
    wait.until(d -> !d.findElements(By.id("approve")).isEmpty());
    click(By.id("approve"));
    wait.until(d -> bodyText().contains("All done"));

    driver.get(base() + "/admin/");
    search(slug);
    wait.until(d -> row(slug).contains("Connected"));
    click(By.linkText(slug));
    wait.until(d -> d.getCurrentUrl().contains("/admin/tenant.xhtml"));
    assertThat(textOf("status")).contains("Connected");
    String before = driver.findElement(By.id("lastRefresh")).getAttribute("title");

    click(By.id("actions:refreshNow"));

    wait.until(d -> bodyText().contains("Refreshed: the new access token is valid until"));
    assertThat(bodyText())
        .containsPattern(
            "valid until \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} UTC \\(in [^)]+\\)\\.")
        .doesNotContain("Refreshed. Refreshed")
        .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}");
    wait.until(d -> !d.findElement(By.id("lastRefresh")).getAttribute("title").equals(before));
    assertThat(driver.findElement(By.id("auditForm:audit_data")).getText())
        .contains("Operator")
        .contains("Onboarding link issued by console user " + ADMIN)
        .contains("Refresh asked")
        .contains("Refresh now (console, by " + ADMIN + ")");
  }

  /**
   * A tenant who opens the link, presses Connect and then Deny leaves a trace the operator sees:
   * "Tenant pressed Deny" as the last onboarding attempt in the tenants table, and each step in the
   * audit trail in words; never the link token.
   */
  @Test
  void deniedOnboardingIsVisibleToTheOperator() throws Exception {
    String slug = "deny-" + suffix();
    signIn(ADMIN, ADMIN_PASSWORD);
    String url = createTenantWithLink(slug, "Denying Ltd");

    driver.get(url);
    wait.until(d -> textOf("tenant").equals("Denying Ltd"));
    click(By.id("connect"));
    click(By.id("deny"));
    wait.until(d -> bodyText().contains("You did not allow access"));

    driver.get(base() + "/admin/");
    search(slug);
    wait.until(d -> row(slug).contains("Tenant pressed Deny"));
    assertThat(row(slug)).contains("Pending");
    click(By.linkText(slug));
    wait.until(d -> d.getCurrentUrl().contains("/admin/tenant.xhtml"));
    assertThat(textOf("lastOnboarding")).contains("Tenant pressed Deny");
    String trail = driver.findElement(By.id("auditForm:audit_data")).getText();
    assertThat(trail)
        .contains("Link opened", "Connect pressed", "Tenant pressed Deny", "Onboarding page")
        .doesNotContain("No events yet")
        .doesNotContain("access_denied");
    String token = url.substring(url.lastIndexOf('/') + 1);
    assertThat(driver.getPageSource()).doesNotContain(token);
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
    click(By.id("navUsers"));
    wait.until(d -> d.getCurrentUrl().contains("/admin/users.xhtml"));
    type("addUser:username", viewer);
    type("addUser:password", viewerPassword);
    click(By.id("addUser:add"));
    wait.until(d -> bodyText().contains("User " + viewer + " added as VIEWER."));
    assertThat(driver.getPageSource()).doesNotContain("PBKDF2");
    signOut();

    signIn(viewer, viewerPassword);
    assertThat(driver.findElements(By.id("tenantsForm:newTenant"))).isEmpty();
    assertThat(driver.findElements(By.id("navUsers"))).isEmpty();
    search(prefix);
    wait.until(d -> rows().size() == 6);
    click(By.linkText(prefix + "-connected"));
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
            "auditForm=auditForm&deleteForm=deleteForm&deleteForm%3AconfirmDelete="
                + "deleteForm%3AconfirmDelete&deleteForm%3AconfirmSlug="
                + prefix
                + "-connected"
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

  /**
   * A tenant page opened from a bookmark or a chat message shows the tenant: signed in at once,
   * signed out after the login page, which leads back to it. Its actions still need the view state:
   * a POST without it changes nothing.
   */
  @Test
  void deepLinkToATenantWorksSignedInAndAfterSignIn() throws Exception {
    String prefix = "dl-" + suffix();
    seed("scenario=statuses&prefix=" + prefix);
    String deepLink = base() + "/admin/tenant.xhtml?slug=" + prefix + "-connected";

    driver.get(deepLink);
    wait.until(d -> d.getCurrentUrl().contains("/login.xhtml"));
    fillSignIn(ADMIN, ADMIN_PASSWORD);
    wait.until(d -> d.getCurrentUrl().contains("/admin/tenant.xhtml"));
    assertThat(textOf("tenantSlug")).isEqualTo(prefix + "-connected");
    assertThat(textOf("status")).contains("Connected");

    driver.get(base() + "/admin/tenant.xhtml?slug=" + prefix + "-pending");
    wait.until(d -> !d.findElements(By.id("tenantSlug")).isEmpty());
    assertThat(textOf("tenantSlug")).isEqualTo(prefix + "-pending");
    assertThat(bodyText()).doesNotContain("opened from outside the console");

    HttpResponse<String> forged =
        post(
            "/admin/tenant.xhtml?slug=" + prefix + "-pending",
            "actions=actions&actions%3Adelete=actions%3Adelete");
    assertThat(forged.statusCode()).isNotEqualTo(500);
    assertThat(seedGet("exists=" + prefix + "-pending")).isEqualTo("true");
  }

  /**
   * The actions fit the state: no Refresh now or Disconnect on a Pending or Disconnected tenant;
   * Disconnect asks with a verb button and Cancel focused; Delete, which erases the audit trail,
   * needs the slug typed and refuses a wrong one without deleting.
   */
  @Test
  void actionsFitTheStateAndDeleteNeedsTheSlug() throws Exception {
    String prefix = "ac-" + suffix();
    seed("scenario=statuses&prefix=" + prefix);
    signIn(ADMIN, ADMIN_PASSWORD);
    for (String state : List.of("pending", "disconnected")) {
      openTenant(prefix + "-" + state);
      assertThat(driver.findElements(By.id("actions:refreshNow"))).as(state).isEmpty();
      assertThat(driver.findElements(By.id("actions:disconnect"))).as(state).isEmpty();
      assertThat(textOf("actions:sendLink"))
          .as(state)
          .isEqualTo(state.equals("pending") ? "New onboarding link" : "New reconnect link");
    }

    openTenant(prefix + "-connected");
    assertThat(driver.findElements(By.id("actions:refreshNow"))).isNotEmpty();
    click(By.id("actions:disconnect"));
    wait.until(d -> d.findElement(By.id("actions:confirmYes")).isDisplayed());
    assertThat(driver.findElement(By.id("actions:confirmYes")).getText()).isEqualTo("Disconnect");
    assertThat(driver.findElement(By.id("actions:confirmNo")).getText()).isEqualTo("Cancel");
    wait.until(d -> "actions:confirmNo".equals(activeElementId()));
    click(By.id("actions:confirmNo"));
    wait.until(d -> !d.findElement(By.id("actions:confirmYes")).isDisplayed());
    assertThat(textOf("status")).contains("Connected");

    click(By.id("actions:delete"));
    wait.until(d -> d.findElement(By.id("deleteForm:confirmSlug")).isDisplayed());
    wait.until(d -> "deleteForm:cancelDelete".equals(activeElementId()));
    type("deleteForm:confirmSlug", "not-the-slug");
    click(By.id("deleteForm:confirmDelete"));
    wait.until(d -> textOf("deleteForm:deleteRefused").contains("nothing was deleted"));
    assertThat(seedGet("exists=" + prefix + "-connected")).isEqualTo("true");

    type("deleteForm:confirmSlug", prefix + "-connected");
    click(By.id("deleteForm:confirmDelete"));
    wait.until(d -> !d.getCurrentUrl().contains("/admin/tenant.xhtml"));
    wait.until(
        d -> textOf("tenantsForm:deletedNote").contains("Tenant " + prefix + "-connected deleted"));
    assertThat(seedGet("exists=" + prefix + "-connected")).isEqualTo("false");
  }

  /**
   * A one-time link is shown properly: Copy stays inside the create dialog (no horizontal scroll),
   * pressing it says "Copied", the "copy it now" note sits with the link and goes with it, and the
   * status counts behind the dialog count the new tenant at once. On the tenant's page a new link
   * is brought into view.
   */
  @Test
  void oneTimeLinkIsShownProperlyAndCountsFollowACreate() throws Exception {
    String slug = "once-" + suffix();
    signIn(ADMIN, ADMIN_PASSWORD);
    waitForAjax();
    long pendingBefore = count("PENDING");

    openCreateDialog();
    type("createForm:newSlug", slug);
    type("createForm:newName", "Once Ltd");
    click(By.id("createForm:create"));
    wait.until(d -> textOf("createSlugResult").equals(slug));
    waitForAjax();
    assertThat(count("PENDING")).isEqualTo(pendingBefore + 1);

    click(By.id("createForm:createLink"));
    wait.until(d -> d.findElement(By.id("createForm:createdLinkUrl")).isDisplayed());
    assertThat(insideDialog("createForm:copyCreatedLink")).isTrue();
    assertThat(textOf("copyNow")).contains("Copy it now");
    assertThat(driver.findElement(By.id("messages")).getText()).doesNotContain("copy it now");
    click(By.id("createForm:copyCreatedLink"));
    wait.until(
        d -> d.findElement(By.cssSelector("#createForm .tw-copied")).getText().equals("Copied"));

    click(By.id("createForm:another"));
    wait.until(d -> d.findElements(By.id("copyNow")).isEmpty());
    assertThat(bodyText()).doesNotContainIgnoringCase("copy it now");

    openTenant(slug);
    click(By.id("actions:sendLink"));
    wait.until(d -> !d.findElements(By.id("newLinkForm:newLinkUrl")).isEmpty());
    wait.until(d -> inViewport("newLinkForm:newLinkUrl"));
    assertThat(textOf("copyNow")).contains("Copy it now");
    click(By.id("newLinkForm:copyLink"));
    wait.until(
        d -> d.findElement(By.cssSelector("#newLinkForm .tw-copied")).getText().equals("Copied"));
    click(By.id("newLinkForm:dismissLink"));
    wait.until(d -> d.findElements(By.id("newLinkForm:newLinkUrl")).isEmpty());
    assertThat(driver.findElements(By.id("copyNow"))).isEmpty();
  }

  /**
   * Field errors appear beside the field that caused them (rename, API key), not only at the top of
   * the page out of view.
   */
  @Test
  void fieldErrorsAppearBesideTheField() throws Exception {
    String prefix = "fe-" + suffix();
    seed("scenario=statuses&prefix=" + prefix);
    signIn(ADMIN, ADMIN_PASSWORD);

    openTenant(prefix + "-connected");
    type("actions:newName", " ");
    click(By.id("actions:rename"));
    wait.until(d -> !textOf("actions:newNameMessage").isEmpty());
    assertThat(driver.findElement(By.id("messages")).getText()).isEmpty();
    assertThat(textOf("tenantName")).isEqualTo("Seeded connected");

    click(By.id("navKeys"));
    wait.until(d -> d.getCurrentUrl().contains("/admin/api-keys.xhtml"));
    type("createKey:name", "key-" + suffix());
    type("createKey:scope", "no-such-" + suffix());
    click(By.id("createKey:create"));
    wait.until(d -> textOf("createKey:scopeMessage").contains("No tenant"));
    assertThat(driver.findElement(By.id("messages")).getText()).doesNotContain("No tenant");
    assertThat(driver.findElements(By.id("issuedForm:issuedKey"))).isEmpty();

    // A key that is created says "copy it now" beside it; revoking one asks with a verb, Cancel
    // focused, and Cancel revokes nothing.
    String keyName = "rk-" + suffix();
    type("createKey:name", keyName);
    type("createKey:scope", "");
    click(By.id("createKey:create"));
    wait.until(d -> d.findElement(By.id("issuedForm:issuedKey")).isDisplayed());
    assertThat(textOf("copyNow")).contains("Copy it now");
    By revoke =
        By.xpath(
            "//tbody[@id='keysForm:keys_data']/tr[contains(.,'"
                + keyName
                + "')]//button[contains(@id,'revokeKey')]");
    click(revoke);
    wait.until(d -> d.findElement(By.id("keysForm:confirmYes")).isDisplayed());
    assertThat(driver.findElement(By.id("keysForm:confirmYes")).getText()).isEqualTo("Revoke key");
    wait.until(d -> "keysForm:confirmNo".equals(activeElementId()));
    click(By.id("keysForm:confirmNo"));
    wait.until(d -> !d.findElement(By.id("keysForm:confirmYes")).isDisplayed());
    assertThat(
            driver
                .findElement(
                    By.xpath("//tbody[@id='keysForm:keys_data']/tr[contains(.,'" + keyName + "')]"))
                .getText())
        .contains("Active");
  }

  /** Nobody is offered to delete or demote themselves; other users keep both actions. */
  @Test
  void usersPageOffersNoDeleteOrDemoteOnYourself() {
    signIn(ADMIN, ADMIN_PASSWORD);
    click(By.id("navUsers"));
    wait.until(d -> d.getCurrentUrl().contains("/admin/users.xhtml"));
    String own =
        wait.until(
            d ->
                d.findElement(
                        By.xpath(
                            "//tbody[@id='usersForm:users_data']/tr[.//span[@class='tw-username' and"
                                + " normalize-space()='"
                                + ADMIN
                                + "']]"))
                    .getText());
    assertThat(own).contains("(you)").doesNotContain("Delete").doesNotContain("Change role");
  }

  /**
   * Accessibility: the sign-in page puts the cursor in the user-name field; the current section is
   * marked in the navigation; Sign out and every status pill reach WCAG AA contrast (4.5:1) against
   * what is behind them; a focused control shows a ring.
   */
  @Test
  void signInFocusCurrentPageAndContrast() throws Exception {
    String prefix = "a11y-" + suffix();
    seed("scenario=statuses&prefix=" + prefix);
    driver.get(base() + "/login.xhtml");
    wait.until(d -> "login:username".equals(activeElementId()));

    signIn(ADMIN, ADMIN_PASSWORD);
    assertThat(driver.findElement(By.id("navTenants")).getAttribute("aria-current"))
        .isEqualTo("page");
    assertThat(driver.findElement(By.id("navKeys")).getAttribute("aria-current"))
        .isNotEqualTo("page");
    search(prefix);
    wait.until(d -> rows().size() == 6);

    assertThat(contrast(By.cssSelector("#signOutForm\\:signOut .ui-button-text")))
        .as("Sign out")
        .isGreaterThanOrEqualTo(4.5);
    for (WebElement pill : driver.findElements(By.cssSelector("span.tw-status, a.tw-count"))) {
      assertThat(contrast(pill)).as(pill.getText()).isGreaterThanOrEqualTo(4.5);
    }
    ((JavascriptExecutor) driver)
        .executeScript("document.getElementById('tenantsForm:search').focus()");
    String outline =
        (String)
            ((JavascriptExecutor) driver)
                .executeScript(
                    "return getComputedStyle(document.activeElement).outlineStyle + ' '"
                        + " + getComputedStyle(document.activeElement).boxShadow;");
    assertThat(outline).isNotEqualTo("none none");

    click(By.id("navKeys"));
    wait.until(d -> d.getCurrentUrl().contains("/admin/api-keys.xhtml"));
    assertThat(driver.findElement(By.id("navKeys")).getAttribute("aria-current")).isEqualTo("page");
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
    click(By.id("login:signIn"));
  }

  private void signOut() {
    click(By.id("signOutForm:signOut"));
    wait.until(d -> d.getCurrentUrl().contains("/login.xhtml"));
  }

  /**
   * Clicks what {@code by} finds, finding it again when a poll or an Ajax update has just replaced
   * it: a click on a replaced element throws before it reaches the page, so trying again is safe.
   */
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

  /** Creates a tenant in the console's dialog and its first onboarding link; returns the URL. */
  private String createTenantWithLink(String slug, String name) {
    openCreateDialog();
    type("createForm:newSlug", slug);
    type("createForm:newName", name);
    click(By.id("createForm:create"));
    wait.until(d -> textOf("createSlugResult").equals(slug));
    click(By.id("createForm:createLink"));
    return wait.until(
        d -> {
          String value = d.findElement(By.id("createForm:createdLinkUrl")).getAttribute("value");
          return value != null && value.contains("/connect/") ? value : null;
        });
  }

  private void openTenant(String slug) {
    driver.get(base() + "/admin/tenant.xhtml?slug=" + slug);
    wait.until(d -> !d.findElements(By.id("tenantSlug")).isEmpty());
    assertThat(textOf("tenantSlug")).isEqualTo(slug);
  }

  private static double contrast(By by) {
    return contrast(driver.findElement(by));
  }

  /** WCAG contrast of an element's text colour against the first opaque background behind it. */
  private static double contrast(WebElement element) {
    Object ratio =
        ((JavascriptExecutor) driver)
            .executeScript(
                "function rgb(c){var m=c.match(/[\\d.]+/g).map(Number);return m;}"
                    + "function lum(c){var v=rgb(c).slice(0,3).map(function(x){x/=255;"
                    + "return x<=0.03928?x/12.92:Math.pow((x+0.055)/1.055,2.4);});"
                    + "return 0.2126*v[0]+0.7152*v[1]+0.0722*v[2];}"
                    + "var el=arguments[0];var fg=getComputedStyle(el).color;"
                    + "var b=el;var bg='rgb(255,255,255)';"
                    + "while(b){var c=getComputedStyle(b).backgroundColor;var a=rgb(c);"
                    + "if(a.length<4||a[3]>0.9){bg=c;break;}b=b.parentElement;}"
                    + "var l1=lum(fg),l2=lum(bg);"
                    + "return (Math.max(l1,l2)+0.05)/(Math.min(l1,l2)+0.05);",
                element);
    return ((Number) ratio).doubleValue();
  }

  private static long count(String status) {
    return Long.parseLong(
        driver.findElement(By.cssSelector("[data-status='" + status + "'] strong")).getText());
  }

  /**
   * Whether the element lies wholly inside its dialog's box, so it is reachable without scrolling.
   */
  private static boolean insideDialog(String id) {
    return (Boolean)
        ((JavascriptExecutor) driver)
            .executeScript(
                "var e=document.getElementById(arguments[0]);var d=e.closest('.ui-dialog');"
                    + "var c=d.querySelector('.ui-dialog-content');"
                    + "var r=e.getBoundingClientRect(),b=d.getBoundingClientRect();"
                    + "return r.left>=b.left&&r.right<=b.right&&c.scrollWidth<=c.clientWidth;",
                id);
  }

  private static boolean inViewport(String id) {
    return (Boolean)
        ((JavascriptExecutor) driver)
            .executeScript(
                "var r=document.getElementById(arguments[0]).getBoundingClientRect();"
                    + "return r.top>=0&&r.bottom<=window.innerHeight;",
                id);
  }

  private static String activeElementId() {
    return (String)
        ((JavascriptExecutor) driver)
            .executeScript("return document.activeElement && document.activeElement.id;");
  }

  private void openCreateDialog() {
    click(By.id("tenantsForm:newTenant"));
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
    return PageText.body(driver);
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
