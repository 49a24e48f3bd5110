package io.tokenwarden.it.connect;

import static io.tokenwarden.it.connect.ConnectFixture.issueLink;
import static io.tokenwarden.it.connect.ConnectFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.it.Deployments;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin REST API for automation: tenants and onboarding links with an ADMIN key; every error is
 * problem+json and names what to fix.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminTenantApiIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  /** Create answers 201 with a Location that reads the tenant back, PENDING and without tokens. */
  @Test
  void createThenRead() {
    String slug = "api-" + suffix();

    HttpResponse<String> created =
        ItHttp.adminPost(
            "/api/v1/tenants", "{\"slug\":\"" + slug + "\",\"displayName\":\"  Api Ltd \"}");

    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).endsWith("/api/v1/tenants/" + slug);
    JsonObject body = Json.parse(created.body());
    assertThat(body.getString("displayName")).isEqualTo("Api Ltd");
    assertThat(body.getString("status")).isEqualTo("PENDING");
    HttpResponse<String> read =
        ItHttp.send(
            HttpRequest.newBuilder(URI.create(location))
                .header("Authorization", "Bearer " + ItHttp.ADMIN_KEY)
                .GET());
    assertThat(read.statusCode()).isEqualTo(200);
    JsonObject tenant = Json.parse(read.body());
    assertThat(tenant.getString("slug")).isEqualTo(slug);
    assertThat(tenant.getJsonObject("connection").getString("status")).isEqualTo("PENDING");
    assertThat(read.body()).doesNotContain("ciphertext").doesNotContain("v1:");
  }

  /** Invalid input is a 400 problem naming the field; a taken slug 409; unknown tenant 404. */
  @Test
  void errorsNameWhatToFix() {
    HttpResponse<String> badSlug =
        ItHttp.adminPost("/api/v1/tenants", "{\"slug\":\"Not A Slug\",\"displayName\":\"X\"}");
    HttpResponse<String> noName =
        ItHttp.adminPost("/api/v1/tenants", "{\"slug\":\"ok-" + suffix() + "\"}");
    HttpResponse<String> notJson = ItHttp.adminPost("/api/v1/tenants", "slug=x");
    String slug = newTenant("api-dup", "Dup Ltd").getString("slug");
    HttpResponse<String> taken =
        ItHttp.adminPost(
            "/api/v1/tenants", "{\"slug\":\"" + slug + "\",\"displayName\":\"Dup again\"}");
    HttpResponse<String> unknown = ItHttp.adminGet("/api/v1/tenants/no-such-" + suffix());
    HttpResponse<String> badLimit = ItHttp.adminGet("/api/v1/tenants?limit=0");
    HttpResponse<String> badPurpose =
        ItHttp.adminPost("/api/v1/tenants/" + slug + "/onboarding-links", "{\"purpose\":\"x\"}");

    assertProblem(badSlug, 400, "slug", "validation");
    assertProblem(noName, 400, "displayName", "validation");
    assertProblem(notJson, 400, null, "validation");
    assertProblem(taken, 409, null, "slug-taken");
    assertProblem(unknown, 404, null, "tenant-not-found");
    assertProblem(badLimit, 400, "limit", "validation");
    assertProblem(badPurpose, 400, "purpose", "validation");
  }

  /** Without a key or with an unknown one: 401 with a Bearer challenge, never echoing the key. */
  @Test
  void onlyAdminKeys() {
    HttpResponse<String> none =
        ItHttp.send(HttpRequest.newBuilder(URI.create(ItHttp.url("/api/v1/tenants"))).GET());
    HttpResponse<String> wrong =
        ItHttp.send(
            HttpRequest.newBuilder(URI.create(ItHttp.url("/api/v1/tenants")))
                .header("Authorization", "Bearer tw_not-a-real-key-000000000000")
                .GET());

    assertProblem(none, 401, null, "unauthorized");
    assertProblem(wrong, 401, null, "unauthorized");
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"token-warden\"");
    assertThat(wrong.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"token-warden\"");
    assertThat(wrong.body()).doesNotContain("tw_not-a-real-key");
  }

  /** The list pages in slug order and shows each tenant's status. */
  @Test
  void listsTenantsPageByPage() {
    String prefix = "page-" + suffix();
    newTenant(prefix + "-a", "Page A");
    newTenant(prefix + "-b", "Page B");

    HttpResponse<String> first = ItHttp.adminGet("/api/v1/tenants?offset=0&limit=500");

    assertThat(first.statusCode()).isEqualTo(200);
    JsonObject page = Json.parse(first.body());
    assertThat(page.getInt("limit")).isEqualTo(500);
    JsonArray items = page.getJsonArray("items");
    assertThat(
            items.stream()
                .map(JsonObject.class::cast)
                .filter(t -> t.getString("slug").startsWith(prefix)))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.getString("status")).isEqualTo("PENDING"));
    HttpResponse<String> one = ItHttp.adminGet("/api/v1/tenants?offset=1&limit=1");
    assertThat(Json.parse(one.body()).getJsonArray("items")).hasSize(1);
  }

  /**
   * A link is issued with its URL once (201, no-store); issuing again withdraws the first; the
   * listing shows states, never URLs.
   */
  @Test
  void issuesLinksShownOnce() {
    String slug = newTenant("api-link", "Link Ltd").getString("slug");

    JsonObject first = issueLink(slug);
    HttpResponse<String> second =
        ItHttp.adminPost(
            "/api/v1/tenants/" + slug + "/onboarding-links", "{\"purpose\":\"connect\"}");

    assertThat(first.getString("url")).matches(".*/connect/[A-Za-z0-9_-]{43}");
    assertThat(first.getString("purpose")).isEqualTo("CONNECT");
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(second.headers().firstValue("Cache-Control")).hasValue("no-store");
    String secondUrl = Json.parse(second.body()).getString("url");
    IssuedSecrets.remember(secondUrl.substring(secondUrl.lastIndexOf('/') + 1));
    HttpResponse<String> listing = ItHttp.adminGet("/api/v1/tenants/" + slug + "/onboarding-links");
    assertThat(listing.body()).doesNotContain("/connect/");
    JsonArray items = Json.parse(listing.body()).getJsonArray("items");
    assertThat(items.getJsonObject(0).getString("state")).isEqualTo("usable");
    assertThat(items.getJsonObject(1).getString("state")).isEqualTo("revoked");
  }

  /** {@code ?status=} picks tenants by their connection's status; a made-up status is a 400. */
  @Test
  void listsTenantsByStatus() {
    String slug = newTenant("api-status", "Status Ltd").getString("slug");

    HttpResponse<String> pending = ItHttp.adminGet("/api/v1/tenants?status=pending&limit=500");
    HttpResponse<String> reconnect =
        ItHttp.adminGet("/api/v1/tenants?status=NEEDS_RECONNECT&limit=500");
    HttpResponse<String> bogus = ItHttp.adminGet("/api/v1/tenants?status=ASLEEP");

    assertThat(pending.statusCode()).as(pending.body()).isEqualTo(200);
    JsonObject page = Json.parse(pending.body());
    assertThat(page.getString("status")).isEqualTo("PENDING");
    assertThat(slugs(page)).contains(slug);
    assertThat(page.getJsonArray("items"))
        .allSatisfy(t -> assertThat(((JsonObject) t).getString("status")).isEqualTo("PENDING"));
    assertThat(slugs(Json.parse(reconnect.body()))).doesNotContain(slug);
    assertProblem(bogus, 400, "status", "validation");
    assertThat(Json.parse(bogus.body()).getString("detail")).contains("NEEDS_RECONNECT");
  }

  /**
   * A connected tenant disconnected through the API: tokens gone, the audit trail names the key, a
   * second disconnect changes nothing; the next link is a reconnect; delete removes the tenant.
   */
  @Test
  void disconnectReconnectLinkAuditTrailAndDelete() {
    JsonObject created = newTenant("api-life", "Life Ltd");
    String slug = created.getString("slug");
    String url = issueLink(slug).getString("url");
    HttpResponse<String> connected =
        new TenantBrowser().connect(url, ConnectFixture.newSandboxUser("Life Company"));
    assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
    assertThat(ConnectFixture.tenant(slug).getString("status")).isEqualTo("CONNECTED");

    HttpResponse<String> first = ItHttp.adminPost("/api/v1/tenants/" + slug + "/disconnect", "");
    HttpResponse<String> second = ItHttp.adminPost("/api/v1/tenants/" + slug + "/disconnect", "");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(Json.parse(first.body()).getBoolean("changed")).isTrue();
    assertThat(Json.parse(second.body()).getBoolean("changed")).isFalse();
    JsonObject connection = ConnectFixture.tenant(slug).getJsonObject("connection");
    assertThat(connection.getString("status")).isEqualTo("DISCONNECTED");
    assertThat(connection.containsKey("accessExpiresAt")).isFalse();
    JsonObject link = issueLink(slug);
    assertThat(link.getString("purpose")).isEqualTo("RECONNECT");

    HttpResponse<String> trail = ItHttp.adminGet("/api/v1/tenants/" + slug + "/audit-trail");
    assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
    JsonObject all = Json.parse(trail.body());
    JsonArray events = all.getJsonArray("items");
    assertThat(events.getJsonObject(0).getString("outcome")).isEqualTo("LINK_ISSUED");
    assertThat(events.getJsonObject(0).getString("detail")).contains("API key bootstrap");
    assertThat(
            events.stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("outcome").equals("DISCONNECTED")))
        .singleElement()
        .satisfies(e -> assertThat(e.getString("detail")).contains("by API key bootstrap"));
    assertThat(trail.body()).doesNotContain(url.substring(url.lastIndexOf('/') + 1));
    HttpResponse<String> paged =
        ItHttp.adminGet("/api/v1/tenants/" + slug + "/audit-trail?page=1&size=1");
    JsonObject onePage = Json.parse(paged.body());
    assertThat(onePage.getInt("total")).isEqualTo(all.getInt("total")).isGreaterThanOrEqualTo(3);
    assertThat(onePage.getJsonArray("items")).hasSize(1);
    assertThat(onePage.getJsonArray("items").getJsonObject(0).getString("id"))
        .isEqualTo(events.getJsonObject(1).getString("id"));
    assertProblem(
        ItHttp.adminGet("/api/v1/tenants/" + slug + "/audit-trail?size=201"),
        400,
        "size",
        "validation");

    HttpResponse<String> deleted = ItHttp.adminDelete("/api/v1/tenants/" + slug);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    assertProblem(ItHttp.adminGet("/api/v1/tenants/" + slug), 404, null, "tenant-not-found");
    assertProblem(ItHttp.adminDelete("/api/v1/tenants/" + slug), 404, null, "tenant-not-found");
    assertThat(ConnectFlowIT.serverLog())
        .contains("Tenant " + slug + " deleted by API key bootstrap");
  }

  private static java.util.List<String> slugs(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(t -> ((JsonObject) t).getString("slug"))
        .toList();
  }

  /** A problem+json with the status, the field at fault (if any) and the stable type URI. */
  static void assertProblem(HttpResponse<String> response, int status, String field, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(media -> assertThat(media).startsWith("application/problem+json"));
    JsonObject problem = Json.parse(response.body());
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(problem.getString("type")).isEqualTo("https://tokenwarden.io/problems/" + type);
    if (field != null) {
      assertThat(problem.getString("field")).isEqualTo(field);
    }
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
